CREATE TABLE cohorts (
    id serial PRIMARY KEY,
    code varchar(20) NOT NULL,
    name varchar(100)
);

INSERT INTO cohorts (code) VALUES ('c1');
