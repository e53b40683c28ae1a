-- The fund's balance row: an INSERT … ON CONFLICT checks the CHECK (balance >= 0) against the row it
-- would insert before it finds the conflict, so a use (< 0) was refused whatever the balance. Make
-- sure the row exists, then update it: the UPDATE locks the row (concurrent approvals take turns)
-- and the CHECK judges the new balance.
create or replace function subsidy_fund_apply() returns trigger language plpgsql as $$
begin
  insert into subsidy_funds (district_code, year, balance_fen) values (new.district_code, new.year, 0)
    on conflict (district_code, year) do nothing;
  update subsidy_funds set balance_fen = balance_fen + new.amount_fen
    where district_code = new.district_code and year = new.year;
  return null;
end;
$$;
