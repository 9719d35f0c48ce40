# PostgreSQL from Debian's packages, for compose.yaml (an official postgres image serves as well where a
# registry can be reached: same POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB).
ARG BASE=docker.io/library/debian:trixie-slim
FROM ${BASE}
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql \
    && rm -rf /var/lib/apt/lists/* \
    && install -d -o postgres -g postgres -m 700 /var/lib/postgresql/data
COPY deploy/postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
USER postgres
ENV PGDATA=/var/lib/postgresql/data
VOLUME /var/lib/postgresql/data
EXPOSE 5432
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]
