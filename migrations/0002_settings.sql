-- Each server's settings, as its admins set them with /settings. A server without a
-- row has the defaults: questions not logged, the operator's cooldown, no channels.
CREATE TABLE guild_settings (
    guild BIGINT PRIMARY KEY,
    -- 1 when the server's questions are logged for `ipwest gaps`.
    log_questions BIGINT NOT NULL,
    -- Questions per window, as IPWEST_COOLDOWN writes it ('5/10s'); '' for the default.
    cooldown TEXT NOT NULL,
    -- Channels where every question is answered without a mention, space-separated ids.
    auto_answer TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
