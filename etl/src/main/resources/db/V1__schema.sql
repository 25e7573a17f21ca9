-- sqs-pii-etl schema, version 1.
-- user_logins is the take-home image's table; it is created only when missing and never altered.
CREATE TABLE IF NOT EXISTS user_logins(
  user_id varchar(128), device_type varchar(32), masked_ip varchar(256),
  masked_device_id varchar(256), locale varchar(32), app_version integer, create_date date);

-- One row per SQS MessageId whose effect is committed: the key of exactly-once loading.
CREATE TABLE IF NOT EXISTS sqs_pii_etl_ledger(
  message_id   varchar(128) PRIMARY KEY,
  outcome      varchar(16)  NOT NULL CHECK (outcome IN ('loaded', 'quarantined')),
  processed_at timestamptz  NOT NULL DEFAULT now());

-- Messages that broke the data contract. The body is encrypted with the operator's keyset;
-- reason and field name the rule and the field, never a value.
CREATE TABLE IF NOT EXISTS user_logins_quarantine(
  message_id     varchar(128) PRIMARY KEY,
  reason         varchar(64)  NOT NULL,
  field          varchar(64),
  sent_at        timestamptz  NOT NULL,
  quarantined_at timestamptz  NOT NULL DEFAULT now(),
  sealed_body    bytea        NOT NULL);

-- Decodes the app_version integer (MAJOR*1000000 + MINOR*1000 + PATCH) back to 'MAJOR.MINOR.PATCH'.
CREATE OR REPLACE FUNCTION app_version_text(version integer) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (version / 1000000) || '.' || (version / 1000 % 1000) || '.' || (version % 1000) $$;
