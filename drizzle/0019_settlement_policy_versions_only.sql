-- 一站式结算 policies are versions only: a change is a new version of the year, never an edit.
create or replace function settlement_policy_refuse_edit() returns trigger language plpgsql as $$
begin
  raise exception '结算政策只能以新版本变更，不能修改或删除' using errcode = '42501';
end;
$$;
--> statement-breakpoint
create trigger settlement_policies_versions_only before update or delete on settlement_policies
  for each row execute function settlement_policy_refuse_edit();
