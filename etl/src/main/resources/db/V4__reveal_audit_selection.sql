-- sqs-pii-etl schema, version 4: the reveal audit says what a reveal selected, and records the
-- attempts that were refused. Like the rest of the row, never a value, masked or original.
--   selection        the --where pattern (LIKE on user_id) of a reveal from the database; NULL for values
--                    given as arguments or on standard input
--   values_selected  how many masked values the request named: given, or stored for the matching users
--                    (NULL: recorded before version 4)
--   refusal          why the attempt revealed nothing: wrong_keyset, hmac_mode or unknown_mask; NULL for a
--                    reveal. value_count, the number of values revealed, is then 0.
--   refusal_detail   the tool's message, which names modes, keys and positions in the request
ALTER TABLE sqs_pii_etl_reveal_audit
  ADD COLUMN selection       text,
  ADD COLUMN values_selected integer CHECK (values_selected >= 0),
  ADD COLUMN refusal         varchar(16) CHECK (refusal IN ('wrong_keyset', 'hmac_mode', 'unknown_mask')),
  ADD COLUMN refusal_detail  text,
  ADD CONSTRAINT refusal_has_detail CHECK ((refusal IS NULL) = (refusal_detail IS NULL)),
  ADD CONSTRAINT refused_reveals_nothing CHECK (refusal IS NULL OR value_count = 0);
