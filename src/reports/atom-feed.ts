/**
 * An Atom 1.0 feed (RFC 4287) of the published key-field reports. Pure: entries in, XML text out, every
 * string escaped. A withdrawn report stays in the feed as a withdrawal notice under the same entry id, so a
 * reader that saw it published learns that it was withdrawn and why.
 */
export interface FeedEntry {
  id: string;
  title: string;
  updated: string;
  link: string;
  summary: string;
}

export function atomFeed(feed: {
  id: string;
  title: string;
  self: string;
  alternate: string;
  entries: FeedEntry[];
}): string {
  const updated = feed.entries.reduce(
    (latest, e) => (e.updated > latest ? e.updated : latest),
    '1970-01-01T00:00:00.000Z',
  );
  const entries = feed.entries
    .map(
      (e) => `  <entry>
    <id>urn:uuid:${xml(e.id)}</id>
    <title>${xml(e.title)}</title>
    <updated>${xml(e.updated)}</updated>
    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>
    <summary>${xml(e.summary)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(feed.id)}</id>
  <title>${xml(feed.title)}</title>
  <updated>${updated}</updated>
  <author><name>${xml(feed.title)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${xml(feed.alternate)}"/>
${entries}
</feed>
`;
}

function xml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 cannot carry at all.
      // eslint-disable-next-line no-control-regex -- these control characters are what is removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}
