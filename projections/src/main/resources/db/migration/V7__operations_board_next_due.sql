-- The operations board orders by the next due time that ContractClock computes when an event changes the
-- clock, instead of repeating the contract's arithmetic in SQL. The board is emptied and its token removed so
-- that it rebuilds by replay and every row gets the column from the same code.
DELETE FROM rm_interventions_pause;
DELETE FROM rm_interventions_board;
DELETE FROM tokenentry WHERE processorname = 'interventions-operations-board';

ALTER TABLE rm_interventions_board ADD COLUMN next_due_at TIMESTAMPTZ NOT NULL;
CREATE INDEX rm_interventions_board_next_due ON rm_interventions_board (next_due_at, intervention_id);
