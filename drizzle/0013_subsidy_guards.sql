-- Contribution subsidies, guarded by the database itself:
-- * standards and rules are versions only (a change is a new dated version, never an edit);
-- * an approved batch is frozen: its row cannot change or go, and no line of it can be inserted,
--   changed or deleted; a submitted batch's lines cannot change either (it is under review);
-- * the pre-allocated fund's ledger is append-only and keeps subsidy_funds.balance_fen, whose
--   CHECK (>= 0) refuses any use the balance does not cover; the upsert locks the fund's row, so two
--   approvals at the same moment take turns and the second sees what the first took.
create or replace function subsidy_refuse_edit() returns trigger language plpgsql as $$
begin
  raise exception '% 只能新增（资助标准以新版本变更，已审批的资助明细已冻结），不能修改、删除或清空', tg_table_name using errcode = '42501';
end;
$$;
--> statement-breakpoint
create trigger contribution_standards_versions_only before update or delete on contribution_standards
  for each row execute function subsidy_refuse_edit();
--> statement-breakpoint
create trigger subsidy_rules_versions_only before update or delete on subsidy_rules
  for each row execute function subsidy_refuse_edit();
--> statement-breakpoint
create or replace function subsidy_batch_frozen() returns trigger language plpgsql as $$
begin
  if old.status = 'approved' then
    raise exception '资助批次 % 已审批，已冻结，不能修改或删除；变更请生成调整批次', old.id using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
--> statement-breakpoint
create trigger subsidy_batches_frozen before update or delete on subsidy_batches
  for each row execute function subsidy_batch_frozen();
--> statement-breakpoint
create or replace function subsidy_lines_frozen() returns trigger language plpgsql as $$
declare
  batch_status subsidy_batch_status;
begin
  select status into batch_status from subsidy_batches
    where id = case when tg_op = 'INSERT' then new.batch_id else old.batch_id end;
  if batch_status in ('approved', 'submitted') then
    raise exception '资助批次已%，明细不能新增、修改或删除；变更请生成调整批次',
      case when batch_status = 'approved' then '审批冻结' else '提交待审批' end using errcode = '42501';
  end if;
  if tg_op = 'UPDATE' and new.batch_id <> old.batch_id then
    raise exception '资助明细不能移到其他批次' using errcode = '42501';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
--> statement-breakpoint
create trigger subsidy_lines_frozen_row before insert or update or delete on subsidy_lines
  for each row execute function subsidy_lines_frozen();
--> statement-breakpoint
create trigger subsidy_lines_no_truncate before truncate on subsidy_lines
  for each statement execute function subsidy_refuse_edit();
--> statement-breakpoint
create or replace function subsidy_fund_apply() returns trigger language plpgsql as $$
begin
  insert into subsidy_funds (district_code, year, balance_fen) values (new.district_code, new.year, new.amount_fen)
    on conflict (district_code, year) do update set balance_fen = subsidy_funds.balance_fen + excluded.balance_fen;
  return null;
end;
$$;
--> statement-breakpoint
create trigger subsidy_fund_entries_apply after insert on subsidy_fund_entries
  for each row execute function subsidy_fund_apply();
--> statement-breakpoint
create or replace function subsidy_fund_append_only() returns trigger language plpgsql as $$
begin
  raise exception '财政预拨资金台账只允许追加，禁止修改或删除' using errcode = '42501';
end;
$$;
--> statement-breakpoint
create trigger subsidy_fund_entries_append_only before update or delete on subsidy_fund_entries
  for each row execute function subsidy_fund_append_only();
--> statement-breakpoint
create trigger subsidy_fund_entries_no_truncate before truncate on subsidy_fund_entries
  for each statement execute function subsidy_fund_append_only();
