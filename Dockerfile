# The officeguard image: every service and the simulator are this image running ./officeguard.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -Dmaven.test.skip=true package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app officeguard && mkdir -p /data && chown officeguard /data
WORKDIR /app
COPY --from=build /src/launcher/target/officeguard.jar launcher/target/officeguard.jar
COPY --from=build /src/launcher/target/lib launcher/target/lib
COPY officeguard ./officeguard
COPY scripts/java-opts.sh scripts/java-opts.sh
# the jar is built here: without the stamp ./officeguard takes it for stale and runs Maven, which the image lacks
RUN touch launcher/target/.built
USER officeguard
ENTRYPOINT []
CMD ["./officeguard", "--help"]
