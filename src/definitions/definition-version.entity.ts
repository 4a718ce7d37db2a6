import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A definition version kept by its content hash, so a stored decision can be replayed with the exact
 * rules it was made with after the files on disk changed. Rows are only ever inserted.
 */
@Entity('definition_versions')
export class DefinitionVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  hash: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'varchar', length: 10 })
  kind: 'rules' | 'workflow';

  @Column({ type: 'text' })
  content: string; // canonical JSON of the loaded definition part

  @Column({ name: 'first_seen_at', type: 'varchar', length: 30 })
  firstSeenAt: string;
}
