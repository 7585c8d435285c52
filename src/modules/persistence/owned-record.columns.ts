import { Column } from 'typeorm';
import { INT, VARCHAR } from './column-types';

/**
 * The columns of a record that a process executes, runs and studies alike: its owner (process
 * id, host, start token; see run-owner.ts) and the owner's last heartbeat (ISO). Recovery reads
 * them to tell a live owner from a gone one.
 */
export abstract class OwnedRecordColumns {
  @Column({ name: 'owner_pid', type: INT, nullable: true })
  ownerPid!: number | null;

  @Column({ name: 'owner_host', type: VARCHAR, length: 255, nullable: true })
  ownerHost!: string | null;

  @Column({ name: 'owner_token', type: VARCHAR, length: 128, nullable: true })
  ownerToken!: string | null;

  @Column({ name: 'heartbeat_at', type: VARCHAR, length: 32, nullable: true })
  heartbeatAt!: string | null;
}
