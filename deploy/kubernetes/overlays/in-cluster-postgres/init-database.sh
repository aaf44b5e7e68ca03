#!/bin/bash
# Run once by the postgres image, on an empty data volume: the application's role and database, and one schema per
# service (incident-service: incident, review-service: reviews, actions-service: actions). Flyway creates the
# tables when the services start.
set -e
psql -v ON_ERROR_STOP=1 -v password="$DB_PASSWORD" --username "$POSTGRES_USER" --dbname postgres <<'SQL'
CREATE ROLE incident_lifecycle LOGIN PASSWORD :'password';
CREATE DATABASE incident_lifecycle OWNER incident_lifecycle;
\connect incident_lifecycle
CREATE SCHEMA incident AUTHORIZATION incident_lifecycle;
CREATE SCHEMA reviews AUTHORIZATION incident_lifecycle;
CREATE SCHEMA actions AUTHORIZATION incident_lifecycle;
CREATE SCHEMA notifications AUTHORIZATION incident_lifecycle;
SQL
