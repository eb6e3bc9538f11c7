# syntax=docker/dockerfile:1
# The product's images, built from this repository (docker-compose.yml builds each target; nothing from target/ on
# the host is used). Base images are pinned; docker-compose passes the same versions from .env.
#   job          the Flink image with the job jar in /opt/flink/usrlib, the SQL files and the submit supervisor
#   serving-api  the REST API on a JRE
#   seed-data    the demo data CLI on a JRE
ARG MAVEN_IMAGE=maven:3.9.11-eclipse-temurin-17
ARG FLINK_IMAGE=flink:1.20.3-java17
ARG JAVA_IMAGE=eclipse-temurin:17.0.19_10-jre

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
# the three jars and what they are built from; tests run in CI, not in an image build
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -q -DskipTests -pl flink-job,serving-api,seed-data -am package

FROM ${FLINK_IMAGE} AS job
COPY --from=build /src/flink-job/target/cqrs-orders-flink-job.jar /opt/flink/usrlib/cqrs-orders-flink-job.jar
COPY sql /opt/cqrs-orders/sql
COPY deploy/flink/sql-client.sh deploy/job-submit/submit.sh deploy/job-submit/supervise.sh /opt/cqrs-orders/
# the warnings Flink logs that ask nothing of an operator, dropped as on the local cluster
COPY deploy/flink/log4j-known-warnings.properties /opt/cqrs-orders/
RUN cat /opt/cqrs-orders/log4j-known-warnings.properties >> /opt/flink/conf/log4j-console.properties

FROM ${JAVA_IMAGE} AS serving-api
COPY --from=build /src/serving-api/target/serving-api-0.1.0-SNAPSHOT.jar /app/serving-api.jar
# every interface inside the container; the rest comes from the environment (DATASOURCE_URL, DATASOURCE_USERNAME,
# DATASOURCE_PASSWORD, API_PORT: docs/serving-api.md)
ENV API_HOST=0.0.0.0 \
    API_PORT=8080
EXPOSE 8080
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/serving-api.jar"]

FROM ${JAVA_IMAGE} AS seed-data
COPY --from=build /src/seed-data/target/seed-data.jar /opt/cqrs-orders/seed-data/seed-data.jar
COPY deploy/seed-data/run.sh /opt/cqrs-orders/seed-data/run.sh
ENV SEED_DATA_JAR=/opt/cqrs-orders/seed-data/seed-data.jar \
    SEED_STATE_DIR=/var/lib/cqrs-orders-seed
# the seed-state volume starts as a copy of this directory, owned by the user that writes its marker
RUN mkdir -p /var/lib/cqrs-orders-seed && chown 10001 /var/lib/cqrs-orders-seed
USER 10001
ENTRYPOINT ["bash", "/opt/cqrs-orders/seed-data/run.sh"]
