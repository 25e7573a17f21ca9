-- sqs-pii-etl schema, version 5: event contracts.

-- The quarantine keeps every contract's messages: which contract refused one (NULL when none had
-- taken it yet: its envelope, its body as a whole, or no contract matched), and the SQS MessageId of
-- the delivery (the key of an SNS notification is its SNS MessageId), for metadata columns on replay.
ALTER TABLE user_logins_quarantine
  ADD COLUMN contract       varchar(63),
  ADD COLUMN sqs_message_id varchar(128);
-- Rows from before came from the login contract, the only one; those refused before it applied name none.
UPDATE user_logins_quarantine SET contract = 'login' WHERE stage IN ('validate', 'database');
UPDATE user_logins_quarantine SET sqs_message_id = message_id WHERE message_id NOT LIKE 'sns:%';

-- The masking catalog of columns: every column that holds keyed masks, in every table the tool loads,
-- recorded when a contract first loads it, so that rekey re-masks all of them and reveal knows each
-- one's masking domain, whatever contracts a command is given. A contract that would store another
-- policy or domain in a recorded column is refused: one column never mixes two kinds of mask.
CREATE TABLE IF NOT EXISTS sqs_pii_etl_masked_columns(
  table_name  varchar(127) NOT NULL,
  column_name varchar(63)  NOT NULL,
  policy      varchar(16)  NOT NULL CHECK (policy IN ('mask', 'hmac')),
  domain      varchar(255) NOT NULL,
  subject     varchar(63),
  contract    varchar(63)  NOT NULL,
  recorded_at timestamptz  NOT NULL DEFAULT now(),
  PRIMARY KEY (table_name, column_name));
-- The login's masked columns, loaded since version 1 (which created user_logins).
INSERT INTO sqs_pii_etl_masked_columns(table_name, column_name, policy, domain, subject, contract)
VALUES ('user_logins', 'masked_ip', 'mask', 'ip', 'user_id', 'login'),
       ('user_logins', 'masked_device_id', 'mask', 'device_id', 'user_id', 'login')
ON CONFLICT DO NOTHING;

-- A reveal names the table and column of its values; field becomes their masking domain, any field.
ALTER TABLE sqs_pii_etl_reveal_audit
  DROP CONSTRAINT IF EXISTS sqs_pii_etl_reveal_audit_field_check,
  ALTER COLUMN field TYPE varchar(255),
  ADD COLUMN table_name  varchar(127),
  ADD COLUMN column_name varchar(63);
UPDATE sqs_pii_etl_reveal_audit SET table_name = 'user_logins',
  column_name = CASE field WHEN 'ip' THEN 'masked_ip' ELSE 'masked_device_id' END;
