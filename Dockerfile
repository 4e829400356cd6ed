# syntax=docker/dockerfile:1
# Build: docker build -t newsflow .     Run: docker run --rm newsflow run --bootstrap-servers kafka:9092
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -q -B dependency:go-offline
COPY schemas schemas
COPY src src
RUN mvn -q -B package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /var/lib/newsflow newsflow \
    && mkdir -p /var/lib/newsflow && chown newsflow /var/lib/newsflow
COPY --from=build /src/target/newsflow.jar /app/newsflow.jar
USER newsflow
WORKDIR /var/lib/newsflow
ENV NEWSFLOW_STATE_DIR=/var/lib/newsflow/state \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.newsflow.schema"
VOLUME ["/var/lib/newsflow"]
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/newsflow.jar"]
CMD ["run"]
