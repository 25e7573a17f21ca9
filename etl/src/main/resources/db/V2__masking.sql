-- sqs-pii-etl schema, version 2: which key masks the data, and who revealed what.

-- One row: the masking mode and key of the masked columns, so a run under another mode or key is
-- refused instead of silently breaking duplicate detection. fingerprint is a mask of a fixed public
-- text under the primary key (never key material); rekey replaces the row after a rotation.
CREATE TABLE IF NOT EXISTS sqs_pii_etl_masking(
  singleton   boolean      PRIMARY KEY DEFAULT true CHECK (singleton),
  mode        varchar(16)  NOT NULL CHECK (mode IN ('deterministic', 'hmac')),
  key_id      bigint       NOT NULL,
  fingerprint varchar(256) NOT NULL,
  recorded_at timestamptz  NOT NULL DEFAULT now());

-- One row per reveal: who, when, why, which field, how many values and from where. Never the values.
CREATE TABLE IF NOT EXISTS sqs_pii_etl_reveal_audit(
  id          bigserial    PRIMARY KEY,
  revealed_at timestamptz  NOT NULL DEFAULT now(),
  operator    varchar(128) NOT NULL,
  reason      text         NOT NULL CHECK (length(trim(reason)) > 0),
  field       varchar(16)  NOT NULL CHECK (field IN ('ip', 'device_id')),
  value_count integer      NOT NULL CHECK (value_count >= 0),
  source      varchar(16)  NOT NULL CHECK (source IN ('arguments', 'stdin', 'database')));
