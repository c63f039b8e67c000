import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan } from '../../../platform/authz.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { organisations } from '../../../platform/schema.ts';
import { signalImports } from '../schema.ts';

/** The imports (deliveries of signals) as the creditor and the team see them. */

/** A creditor sees its own imports (counts and reasons only); the team sees the imports for its municipalities. */
export async function listImports(db: Database, actor: Actor, options: { id?: string } = {}) {
  assertCan(actor, 'signals:submit');
  const own = !actor.roles.includes('signal_officer');
  // The team sees the imports its municipalities received, and those routed by postcode that brought rows to them.
  const mine = sql`array[${sql.join(
    actor.municipalities.map((m) => sql`${m}`),
    sql`, `,
  )}]::text[]`;
  const where: SQL[] = own
    ? [eq(signalImports.creditorOrganisationId, actor.organisationId)]
    : [sql`(${inArray(signalImports.municipalityCode, actor.municipalities)} or jsonb_exists_any(${signalImports.municipalities}, ${mine}))`];
  if (options.id) where.push(eq(signalImports.id, options.id));
  const rows = await db.unaudited((q) =>
    q
      .select({
        id: signalImports.id,
        creditorOrganisationId: signalImports.creditorOrganisationId,
        creditorName: organisations.name,
        municipalityCode: signalImports.municipalityCode,
        channel: signalImports.channel,
        fileName: signalImports.fileName,
        rows: signalImports.rows,
        accepted: signalImports.accepted,
        duplicates: signalImports.duplicates,
        rejected: signalImports.rejected,
        rejections: signalImports.rejections,
        createdAt: signalImports.createdAt,
      })
      .from(signalImports)
      .innerJoin(organisations, eq(organisations.id, signalImports.creditorOrganisationId))
      .where(and(...where))
      .orderBy(desc(signalImports.createdAt))
      .limit(options.id ? 1 : 100),
  );
  if (options.id && !rows.length) {
    // Someone else's import is not found, whether it exists or not.
    throw new NotFoundError('De aanlevering');
  }
  return rows;
}
