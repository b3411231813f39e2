-- The tables the chain does not create (the models' create_all, as SQL).
CREATE TABLE recruits (id SERIAL PRIMARY KEY, full_name VARCHAR(100) NOT NULL);
