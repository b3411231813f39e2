-- The tables the project made before its chain (create_all), as a schema file it keeps.
CREATE TABLE recruits (id serial PRIMARY KEY, name varchar(100) NOT NULL);
CREATE TABLE cohorts (id serial PRIMARY KEY, name varchar(40) NOT NULL);
