CREATE SCHEMA school;

CREATE TABLE school.cohorts (
    id serial PRIMARY KEY,
    code varchar(20) NOT NULL,
    name varchar(100)
);

ALTER TABLE ONLY school.cohorts
    ADD CONSTRAINT uq_cohorts_code UNIQUE (code);

INSERT INTO school.cohorts (code, name) VALUES (:first_code, 'First cohort');
