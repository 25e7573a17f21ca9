-- sqs-pii-etl schema, version 3: the provenance of each quarantine row, as a dead-letter reporter
-- records it. Like reason and field, it names stages, classes and constraints, never a value.
--   stage            unwrap | parse | validate | transform | database: what refused the message
--   error_class      the exception class behind a database refusal or a processing error
--   error_code       the SQLSTATE of a database refusal
--   constraint_name  the constraint a database refusal named
--   receive_count    SQS's ApproximateReceiveCount of the delivery quarantined (NULL: quarantined before)
ALTER TABLE user_logins_quarantine
  ADD COLUMN stage           varchar(16),
  ADD COLUMN error_class     text,
  ADD COLUMN error_code      varchar(5),
  ADD COLUMN constraint_name text,
  ADD COLUMN receive_count   integer;

-- Rows from before came from raw events, whose body-level rules name no field.
UPDATE user_logins_quarantine SET stage = CASE
    WHEN reason = 'rejected_by_database' THEN 'database'
    WHEN reason = 'processing_error' THEN 'transform'
    WHEN field IS NULL THEN 'parse'
    ELSE 'validate' END;
ALTER TABLE user_logins_quarantine ALTER COLUMN stage SET NOT NULL;
