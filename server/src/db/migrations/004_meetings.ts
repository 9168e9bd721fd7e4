import type { Kysely } from 'kysely'
import type { SqlDialect } from '../database.ts'

/**
 * Governance meetings (GOV): meetings of a body, RSVPs, agenda items, attendance, recusals, votes and
 * their ballots, and decisions (the register). A body lives in the `governance` document, so
 * `body_id` references nothing in SQL. Timestamps are ISO text and JSON is text in both dialects.
 */
export async function up(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('meeting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('video_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('minutes_status', 'text', (c) => c.notNull())
    .addColumn('amendments_until', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('meeting_body').on('meeting').columns(['workspace_id', 'body_id', 'starts_at']).execute()

  await db.schema
    .createTable('meeting_rsvp')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_rsvp_pk', ['meeting_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('agenda_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('order_key', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('agenda_item_meeting').on('agenda_item').columns(['meeting_id', 'order_key']).execute()

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proxy_to', 'text')
    .addColumn('recused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('meeting_vote')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_item.id').onDelete('set null'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('decision_type', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('secret', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute()

  // One row per seat voted for: the primary key makes a second ballot for a seat impossible, even
  // from two requests at once.
  await db.schema
    .createTable('meeting_ballot')
    .addColumn('vote_id', 'text', (c) => c.notNull().references('meeting_vote.id').onDelete('cascade'))
    .addColumn('for_id', 'text', (c) => c.notNull())
    .addColumn('voter_id', 'text', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_ballot_pk', ['vote_id', 'for_id'])
    .execute()

  await db.schema
    .createTable('decision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('agenda_item_id', 'text')
    .addColumn('vote_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('decision_type', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('action_ids', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('decision_workspace').on('decision').columns(['workspace_id', 'decided_at']).execute()
}
