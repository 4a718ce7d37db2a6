import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * The applicant's consent that a key-field report may name its case (title and applicant), given on the
 * submission and changeable on a resubmission. Cases filed before had no way to consent: false.
 */
export class PublicationConsent1764600000400 implements MigrationInterface {
  name = 'PublicationConsent1764600000400';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'evaluations',
      new TableColumn({ name: 'publication_consent', type: 'boolean', isNullable: false, default: false }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('evaluations', 'publication_consent');
  }
}
