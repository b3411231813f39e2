"""The Docker compose files parse and agree with the env files they load."""

from __future__ import annotations

import pytest
import yaml
from dotenv import dotenv_values
from helpers import PROJECT_ROOT
from sqlalchemy.engine import make_url


@pytest.mark.parametrize("env, other", [("dev", "prod"), ("prod", "dev")])
def test_compose_file_agrees_with_its_env_file(env, other):
    compose = yaml.safe_load((PROJECT_ROOT / f"docker-compose.{env}.yml").read_text())
    settings = dotenv_values(PROJECT_ROOT / f".env.{env}")
    url = make_url(settings["DATABASE_URL"])
    (name, service), = compose["services"].items()

    assert "version" not in compose
    assert service["image"].split(":")[0] == "postgres" and service["image"].split(":")[1][0].isdigit()
    assert service["env_file"] == f".env.{env}"
    assert service["ports"] == [f"127.0.0.1:{settings['POSTGRES_PORT']}:5432"]
    assert (url.port, url.username, url.password, url.database) == (
        int(settings["POSTGRES_PORT"]), settings["POSTGRES_USER"],
        settings["POSTGRES_PASSWORD"], settings["POSTGRES_DB"])
    assert env in service["container_name"]
    volume = service["volumes"][0].split(":")[0]
    assert volume in compose["volumes"] and env in volume
    check = " ".join(service["healthcheck"]["test"])
    assert check.startswith("CMD-SHELL pg_isready") and "-U" in check and "-d" in check
    assert {"interval", "timeout", "retries", "start_period"} <= set(service["healthcheck"])


def test_dev_and_prod_share_no_port_volume_or_container():
    dev, prod = (yaml.safe_load((PROJECT_ROOT / f"docker-compose.{env}.yml").read_text())["services"]["db"]
                 for env in ("dev", "prod"))
    for key in ("ports", "volumes", "container_name"):
        assert dev[key] != prod[key]
