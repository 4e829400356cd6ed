# newsflow container image.
#   docker build -t newsflow .
#   docker run --rm newsflow run --bootstrap-servers kafka:9092      (or: docker compose up --build)
# Every option of the CLI can also be given as NEWSFLOW_<OPTION_IN_UPPER_SNAKE>, e.g. NEWSFLOW_BOOTSTRAP_SERVERS.

# ---- build stage: fat jar target/newsflow.jar ---------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# The pom alone first, so the dependency layer is rebuilt only when pom.xml changes.
COPY pom.xml ./
RUN mvn -q -B dependency:go-offline
# Avro schemas are compiled by avro-maven-plugin during the build.
COPY schemas/ schemas/
COPY src/ src/
RUN mvn -q -B package -DskipTests

# ---- runtime stage ------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --gid 10001 newsflow \
    && useradd --uid 10001 --gid newsflow --home-dir /var/lib/newsflow --no-create-home \
       --shell /usr/sbin/nologin newsflow \
    && mkdir -p /app /var/lib/newsflow \
    && chown newsflow:newsflow /var/lib/newsflow
COPY --from=build /build/target/newsflow.jar /app/newsflow.jar
# The launcher finds /app/newsflow.jar beside its bin/ folder and sets -XX:-DontCompileHugeMethods.
COPY bin/newsflow /app/bin/newsflow

# Kafka Streams state (RocksDB stores, checkpoints) lives on a volume so restarts do not replay changelogs.
# The working directory is the same writable place, so relative defaults (e.g. the embedded broker's
# data/broker of `demo` and `broker`) work for the non-root user too.
# JVM options go through the launcher's variables (NEWSFLOW_HEAP_OPTS, NEWSFLOW_JVM_OPTS, JAVA_OPTS).
ENV NEWSFLOW_STATE_DIR=/var/lib/newsflow \
    NEWSFLOW_HEAP_OPTS="-XX:MaxRAMPercentage=75" \
    NEWSFLOW_JVM_OPTS="-XX:+ExitOnOutOfMemoryError -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.newsflow.schema"
VOLUME ["/var/lib/newsflow"]
WORKDIR /var/lib/newsflow
USER newsflow:newsflow

# HTTP endpoint (NEWSFLOW_HTTP_PORT=8080), coming later. No HEALTHCHECK yet: the JRE image has no curl,
# add one (e.g. a java-based probe) once the HTTP endpoint exists.
EXPOSE 8080
ENTRYPOINT ["/app/bin/newsflow"]
CMD ["run"]
