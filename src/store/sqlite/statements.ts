import type Database from 'better-sqlite3';

/**
 * Prepared statements, kept by their SQL. A statement prepared per call lives until the garbage
 * collector finalises it, and with little JavaScript garbage that can be never: 100,000 subscribes
 * held some 300 MB of native statements.
 */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
