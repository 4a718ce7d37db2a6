import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * The decision in force is stored once, in the case's latest decision round (evaluation_decisions), no
 * longer also in the case row. The two copies were written in the same transaction from the same text,
 * so nothing is lost; but the case row is rewritten whole at every task completion (SQLite rewrites a
 * row's every byte on UPDATE), and the decision (~25 kB) was nine tenths of it.
 *
 * A case without any decision round (none should exist: every submission writes round 1) gets its row's
 * decision as round 1 first, so dropping the column can lose nothing. `down` puts the latest round's
 * decision back into the case row.
 */
export class DecisionInRoundsOnly1764800000000 implements MigrationInterface {
  name = 'DecisionInRoundsOnly1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO evaluation_decisions (evaluation_id, round, rules_hash, submitted_at, facts, decision)
       SELECT e.id, 1, e.rules_hash, e.created_at, e.facts, e.decision FROM evaluations e
       WHERE NOT EXISTS (SELECT 1 FROM evaluation_decisions d WHERE d.evaluation_id = e.id)`,
    );
    // Both databases drop a column in place (SQLite since 3.35); TypeORM's dropColumn would copy the table.
    await q.query('ALTER TABLE "evaluations" DROP COLUMN "decision"');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.addColumn('evaluations', new TableColumn({ name: 'decision', type: 'text', isNullable: true }));
    await q.query(
      `UPDATE evaluations SET decision = (SELECT d.decision FROM evaluation_decisions d
       WHERE d.evaluation_id = evaluations.id ORDER BY d.round DESC LIMIT 1)`,
    );
  }
}
