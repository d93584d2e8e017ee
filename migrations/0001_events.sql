-- Written once for both backends: SQLite and PostgreSQL read this SQL alike.
-- Times are Unix seconds; Discord ids (guilds, messages, interactions) are BIGINT,
-- with 0 for "none" (a DM, the console); a person appears only as a keyed hash.

-- Replies served, counted per day, verdict and fact ('' for none): `ipwest stats`.
CREATE TABLE answers (
    day TEXT NOT NULL,
    verdict TEXT NOT NULL,
    fact TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (day, verdict, fact)
);

-- Questions, where logging is on: `ipwest gaps` reads those the bot could not answer
-- and those whose answer got a thumbs-down. `asked_in` is the interaction or message
-- that carried the question, which a vote on its answer names.
CREATE TABLE questions (
    asked_in BIGINT NOT NULL,
    asked_at BIGINT NOT NULL,
    guild BIGINT NOT NULL,
    verdict TEXT NOT NULL,
    question TEXT NOT NULL,
    -- The best candidate facts' ids, space-separated.
    candidates TEXT NOT NULL
);
CREATE INDEX questions_asked_at ON questions (asked_at);
CREATE INDEX questions_asked_in ON questions (asked_in);

-- One vote per voter per answer message; a second press changes it.
CREATE TABLE votes (
    message BIGINT NOT NULL,
    voter TEXT NOT NULL,
    asked_in BIGINT NOT NULL,
    fact TEXT NOT NULL,
    guild BIGINT NOT NULL,
    -- 1 for a thumbs-up, 0 for a thumbs-down (a number: sqlx's Any reads no SQLite bool).
    up BIGINT NOT NULL,
    voted_at BIGINT NOT NULL,
    comment TEXT,
    PRIMARY KEY (message, voter)
);
CREATE INDEX votes_fact ON votes (fact);

-- The key voters are hashed with, made on first start and shared by every instance.
CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
