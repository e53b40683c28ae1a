-- PROPOSAL (not applied by any migration): indexes for the person list (db/queries/persons.ts).
-- In db/schema/registry.ts, people's index list:
--   index('people_birth_date_idx').on(t.birthDate, t.id),
--   index('people_name_prefix_idx').on(t.name.op('varchar_pattern_ops')),

-- sort=birthDate: without it every birth-date-sorted page sorts the whole scope (1M rows: 0.6–0.9 s).
create index people_birth_date_idx on people (birth_date, id);

-- name LIKE 'prefix%': the plain btree people_name_idx only serves LIKE when the database collation
-- is C. Under any other collation (C.UTF-8, zh_CN.UTF-8…) the prefix search walks people_name_idx
-- or the whole table (1M rows: ~0.5 s). The pattern-ops index serves it in every collation.
create index people_name_prefix_idx on people (name varchar_pattern_ops);
