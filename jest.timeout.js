// Integration tests boot services against real PostgreSQL and Kafka, which takes seconds.
jest.setTimeout(60000);
