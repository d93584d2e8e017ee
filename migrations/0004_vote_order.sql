-- The interaction of the press that set a vote: Discord ids grow with time, so when
-- two presses reach the store out of order, the later press still wins.
ALTER TABLE votes ADD COLUMN pressed_in BIGINT NOT NULL DEFAULT 0;
