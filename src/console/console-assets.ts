/**
 * The console's stylesheet and script, served by the service itself (nothing from a CDN). Kept as
 * TypeScript strings so `nest build` needs no asset copying; both are small enough to read here.
 * System fonts: every platform a government office uses has a CJK font (PingFang, Microsoft YaHei,
 * Noto Sans CJK), so no web font is shipped.
 */
export const CONSOLE_CSS = `
:root{--ink:#1d2733;--muted:#4d5b6a;--line:#cfd6de;--bg:#f5f7f9;--card:#fff;--accent:#0b5cad;--bad:#a4161a;--ok:#1b6e33;--warn:#8a5300;
font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;color:var(--ink);background:var(--bg);line-height:1.5}
*{box-sizing:border-box}body{margin:0}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f0a202;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:2}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.6rem 1.2rem;background:#0d2b4a;color:#fff}
.top a{color:#fff}.brand{font-weight:700;text-decoration:none;font-size:1.05rem}
.top nav ul{display:flex;flex-wrap:wrap;gap:.2rem 1rem;list-style:none;margin:0;padding:0}
.top nav a[aria-current]{font-weight:700;text-decoration-thickness:3px}
.who{margin-left:auto;display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:center}
main{max-width:1180px;margin:0 auto;padding:1rem 1.2rem 3rem}
h1{font-size:1.5rem;margin:.6rem 0 1rem}h2{font-size:1.2rem;margin:1.6rem 0 .6rem}h3{font-size:1.05rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:1rem 1.2rem;margin:0 0 1rem}
.narrow{max-width:32rem}.card>h2:first-child,.card>section>h2:first-child{margin-top:0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:1rem}
.charts{grid-template-columns:repeat(auto-fit,minmax(min(100%,28rem),1fr))}
table{border-collapse:collapse;width:100%;background:var(--card)}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#e9eef3;font-weight:600}
.scroll{overflow-x:auto}
.field{margin:0 0 .8rem}.field label,.field legend{display:block;font-weight:600;margin-bottom:.2rem}
input[type=text],input[type=password],input[type=number],input[type=date],select,textarea{font:inherit;padding:.4rem .5rem;border:1px solid #7a8795;border-radius:4px;width:100%;max-width:36rem;background:#fff;color:var(--ink)}
input.short{max-width:6rem}
fieldset{border:1px solid var(--line);border-radius:6px;margin:0 0 .8rem;padding:.6rem .9rem}
fieldset.yesno{border:0;padding:0}fieldset.yesno legend{font-weight:600;padding:0}
legend{font-weight:600}
.check{display:inline-flex;align-items:center;gap:.3rem;margin-right:1.2rem;font-weight:400}
.help{color:var(--muted);margin:.1rem 0 .3rem;font-size:.92rem}
.error{color:var(--bad);font-weight:600;margin:.2rem 0}.invalid input,.invalid select{border-color:var(--bad)}
button{font:inherit;background:var(--accent);color:#fff;border:0;border-radius:4px;padding:.5rem 1.1rem;cursor:pointer}
button.secondary{background:#fff;color:var(--accent);border:1px solid var(--accent)}
button.link{background:none;color:inherit;text-decoration:underline;padding:0}
form.inline{display:inline}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:flex-end}.filters .field{margin:0}.filters select,.filters input{width:auto}
.notice{border-left:5px solid var(--accent);background:#fff;padding:.6rem 1rem;margin:0 0 1rem}
.notice.bad{border-color:var(--bad)}.notice.ok{border-color:var(--ok)}
.badge{display:inline-block;border-radius:3px;padding:0 .4rem;font-size:.85rem;border:1px solid currentColor}
.lvl-low{color:var(--ok)}.lvl-medium{color:var(--warn)}.lvl-high,.lvl-critical,.overdue{color:var(--bad)}
.kv{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem;margin:0}.kv dt{font-weight:600;color:var(--muted)}.kv dd{margin:0}.kv .kv{border-left:3px solid var(--line);padding-left:.6rem}
.card svg{max-width:100%;height:auto}
.diagram svg text{font-family:inherit}.diagram svg{display:block;margin:0 auto;width:100%;max-width:none;max-height:80vh;min-width:40rem}
.secret{font-family:ui-monospace,monospace;word-break:break-all;background:#fff7d6;padding:.4rem;border:1px dashed var(--warn)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.88em;word-break:break-all}
.changed{background:#fff3cd}
.pager{display:flex;gap:1rem;align-items:center;margin:.6rem 0}
details summary{cursor:pointer;font-weight:600}
@media (max-width:640px){main{padding:.6rem .7rem 2rem}.who{margin-left:0}table.stack thead{display:none}
table.stack tr{display:block;border-bottom:2px solid var(--line);padding:.3rem 0}table.stack td{display:block;border:0;padding:.15rem .4rem}
table.stack td[data-label]::before{content:attr(data-label) "：";font-weight:600;color:var(--muted)}.kv{grid-template-columns:1fr}}
`;

/**
 * Progressive enhancement only: every page works without it. It keeps a form from being sent twice (a
 * second click while the first answer is on its way) and asks before irreversible actions.
 */
export const CONSOLE_JS = `
document.addEventListener('submit', function (event) {
  var form = event.target;
  var ask = form.getAttribute('data-confirm');
  if (ask && !window.confirm(ask)) { event.preventDefault(); return; }
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = '1';
  setTimeout(function () { delete form.dataset.sent; }, 5000);
});
`;
