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
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
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
 * produce SERVICE_URL TOPIC VALUES_FILE AVSC_FILE          sends one message per line of VALUES_FILE, key = line number
 * </pre>
 */
public final class AvroInterop {
  private AvroInterop() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5 || args.length != (args[0].equals("consume") ? 6 : 5)) {
      System.err.println("usage: consume URL TOPIC SUBSCRIPTION COUNT AVSC | produce URL TOPIC VALUES AVSC");
      System.exit(2);
    }
    try (PulsarClient client = PulsarClient.builder().serviceUrl(args[1]).build()) {
      if (args[0].equals("consume")) {
        consume(client, args[2], args[3], Integer.parseInt(args[4]), Files.readString(Path.of(args[5])));
      } else {
        produce(client, args[2], Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8), Files.readString(Path.of(args[4])));
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

  private static void produce(PulsarClient client, String topic, List<String> lines, String avsc) throws Exception {
    org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(avsc);
    GenericDatumReader<GenericData.Record> reader = new GenericDatumReader<>(avro);
    try (Producer<GenericData.Record> producer = client.newProducer(schemaOf(avsc)).topic(topic).producerName("java-interop").create()) {
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
