-- Data domains changed per transaction (table data_changes, 0020), for the dashboard's result cache
-- (lib/server/read-cache.ts): a statement-level trigger on every table a dashboard figure is read
-- from notes (domain, this transaction) once per transaction — in the writer's own transaction, so
-- the note becomes visible exactly when the change does, and concurrent writers never wait on each
-- other (each inserts its own key). The domain names are the trigger's arguments.
create or replace function note_data_change() returns trigger language plpgsql as $$
begin
  insert into data_changes (domain, xid)
    select d, pg_current_xact_id() from unnest(TG_ARGV) d
    on conflict do nothing;
  return null;
end $$;
--> statement-breakpoint
insert into data_change_horizon (id, xid) values ('x', '0'::xid8) on conflict do nothing;
--> statement-breakpoint
do $$
declare
  t record;
begin
  for t in select * from (values
      ('people', 'registry'), ('enrollments', 'registry'),
      ('towns', 'reference'), ('districts', 'reference'), ('hospitals', 'reference'),
      ('diseases', 'reference'), ('disease_versions', 'reference'), ('hospital_diseases', 'reference'),
      ('users', 'users'),
      ('population_targets', 'targets'),
      ('poverty_lists', 'lists'), ('list_rows', 'lists'),
      ('cases', 'cases'),
      ('certifications', 'certifications'), ('spot_checks', 'certifications'), ('spot_check_items', 'certifications'),
      ('subsidy_batches', 'subsidies'), ('subsidy_lines', 'subsidies'), ('subsidy_refunds', 'subsidies'),
      ('subsidy_funds', 'subsidies'), ('subsidy_fund_entries', 'subsidies'),
      ('contribution_standards', 'subsidies'), ('subsidy_rules', 'subsidies'),
      ('assistance_records', 'assistance')
    ) as m(tbl, domain)
  loop
    execute format(
      'create trigger %I after insert or update or delete or truncate on %I for each statement execute function note_data_change(%L)',
      t.tbl || '_data_change', t.tbl, t.domain);
  end loop;
end $$;
