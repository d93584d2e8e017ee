-- Questions asked in the last minutes, by keyed hash of who asked: instances sharing
-- a PostgreSQL database share the cooldown through it. Swept as they age.
CREATE TABLE recent_questions (
    asker TEXT NOT NULL,
    asked_at_ms BIGINT NOT NULL
);
CREATE INDEX recent_questions_asker ON recent_questions (asker, asked_at_ms);
