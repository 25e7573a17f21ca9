-- sqs-pii-etl schema, version 6: a quarantined message may have no sent_at. SQS always sends a
-- message's SentTimestamp, but an SQS look-alike may not; such a message is quarantined (as
-- missing_sent_timestamp when it has no date of its own) with sent_at NULL, never a guessed time.
ALTER TABLE user_logins_quarantine ALTER COLUMN sent_at DROP NOT NULL;
