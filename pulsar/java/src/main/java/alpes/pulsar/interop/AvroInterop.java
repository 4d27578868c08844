package alpes.pulsar.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.ProducerBuilder;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.schema.SchemaDefinition;

/**
 * The official Java client on the other side of @alpes/pulsar's interop tests. Values travel as Avro JSON
 * encoding lines (unions wrapped), so both sides compare the same text form of the same Avro datum.
 *
 * <pre>
 * consume SERVICE_URL TOPIC SUBSCRIPTION COUNT AVSC_FILE   prints COUNT values read with Schema.AVRO(withJsonDef)
 * produce SERVICE_URL TOPIC VALUES_FILE AVSC_FILE [CODEC [MODE]]
 *                                                         sends one message per line of VALUES_FILE, key = line number;
 *                                                         CODEC NONE|LZ4|ZLIB|ZSTD|SNAPPY, MODE batch (batches of up
 *                                                         to 10) or chunk:BYTES (chunking on, chunks of BYTES)
 * </pre>
 */
public final class AvroInterop {
  private AvroInterop() {}

  public static void main(String[] args) throws Exception {
    boolean consume = args.length > 0 && args[0].equals("consume");
    if (consume ? args.length != 6 : args.length < 5 || args.length > 7) {
      System.err.println("usage: consume URL TOPIC SUBSCRIPTION COUNT AVSC | produce URL TOPIC VALUES AVSC [CODEC [MODE]]");
      System.exit(2);
    }
    try (PulsarClient client = PulsarClient.builder().serviceUrl(args[1]).build()) {
      if (consume) {
        consume(client, args[2], args[3], Integer.parseInt(args[4]), Files.readString(Path.of(args[5])));
      } else {
        ProducerBuilder<GenericData.Record> builder = client.newProducer(schemaOf(Files.readString(Path.of(args[4]))))
            .topic(args[2]).producerName("java-interop");
        if (args.length > 5) builder.compressionType(CompressionType.valueOf(args[5]));
        if (args.length > 6) configure(builder, args[6]);
        produce(builder, Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8), Files.readString(Path.of(args[4])));
      }
    }
  }

  private static Schema<GenericData.Record> schemaOf(String avsc) {
    return Schema.AVRO(SchemaDefinition.<GenericData.Record>builder().withJsonDef(avsc).build());
  }

  private static void consume(PulsarClient client, String topic, String subscription, int count, String avsc) throws Exception {
    Schema<GenericData.Record> schema = schemaOf(avsc);
    org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(avsc);
    try (Consumer<GenericData.Record> consumer = client.newConsumer(schema).topic(topic).subscriptionName(subscription)
        .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe()) {
      System.err.println("java: subscribed to " + topic);
      for (int i = 0; i < count; i++) {
        Message<GenericData.Record> m = consumer.receive(60, TimeUnit.SECONDS);
        if (m == null) throw new IllegalStateException("no message " + (i + 1) + " of " + count + " within 60 s");
        System.out.println(toJson(avro, m.getValue()) + "\t" + m.getKey() + "\t" + m.getSequenceId());
        consumer.acknowledge(m);
      }
    }
  }

  private static void configure(ProducerBuilder<GenericData.Record> builder, String mode) {
    if (mode.equals("batch")) {
      builder.enableBatching(true).batchingMaxMessages(10).batchingMaxPublishDelay(50, TimeUnit.MILLISECONDS);
    } else if (mode.startsWith("chunk:")) {
      builder.enableBatching(false).enableChunking(true).chunkMaxMessageSize(Integer.parseInt(mode.substring(6)));
    } else {
      throw new IllegalArgumentException("mode must be batch or chunk:BYTES, not " + mode);
    }
  }

  private static void produce(ProducerBuilder<GenericData.Record> builder, List<String> lines, String avsc) throws Exception {
    org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(avsc);
    GenericDatumReader<GenericData.Record> reader = new GenericDatumReader<>(avro);
    try (Producer<GenericData.Record> producer = builder.create()) {
      CompletableFuture<?>[] sent = new CompletableFuture<?>[lines.size()];
      for (int i = 0; i < lines.size(); i++) {
        GenericData.Record value = reader.read(null, DecoderFactory.get().jsonDecoder(avro, lines.get(i)));
        sent[i] = producer.newMessage().key("k" + i).value(value).sequenceId(i).sendAsync();
      }
      CompletableFuture.allOf(sent).get(60, TimeUnit.SECONDS);
      for (CompletableFuture<?> f : sent) System.out.println(((MessageId) f.get()).toString());
    }
  }

  private static String toJson(org.apache.avro.Schema avro, GenericData.Record value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonEncoder encoder = EncoderFactory.get().jsonEncoder(avro, out);
    new GenericDatumWriter<GenericData.Record>(avro).write(value, encoder);
    encoder.flush();
    return out.toString(StandardCharsets.UTF_8);
  }
}
