// The official Java client (Apache RocketMQ 4.9.8) on the other end of our C++ client's
// interop tests: it produces messages with tags, keys and a user property, or consumes and
// prints every message it receives, one line each, so the test can compare.
//
//   Interop produce <namesrv> <topic> <count>
//   Interop consume <namesrv> <topic> <group> <count> <timeoutSeconds> [<SQL92 selector>]
//   Interop request <namesrv> <topic> <count> <timeoutMillis>     (prints REPLY <body> or FAILED)
//   Interop respond <namesrv> <topic> <group> <count> <timeoutSeconds>
//       (answers each request with "reply-to-<body>" through MessageUtil.createReplyMessage)
//   Interop produce-traced … / consume-traced …: produce / consume with message trace enabled
//   Interop produce-timer <namesrv> <topic> <count> <delayMillis>
//       (timer messages through the TIMER_DELAY_MS property; prints SENT <msgId> <sentAtMillis>)
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.utils.MessageUtil;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

public class Interop {
    static boolean traced = false;

    public static void main(String[] args) throws Exception {
        if (args[0].endsWith("-traced")) {
            traced = true;
            args[0] = args[0].substring(0, args[0].length() - "-traced".length());
        }
        if (args[0].equals("produce-timer")) {
            produceTimers(args[1], args[2], Integer.parseInt(args[3]), args[4]);
        } else if (args[0].equals("produce")) {
            produce(args[1], args[2], Integer.parseInt(args[3]));
        } else if (args[0].equals("request")) {
            request(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        } else if (args[0].equals("respond")) {
            respond(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        } else {
            consume(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    args.length > 6 ? args[6] : null);
        }
        System.exit(0);
    }

    static void produce(String namesrv, String topic, int count) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("JavaInteropProducer", traced);
        producer.setNamesrvAddr(namesrv);
        producer.start();
        for (int i = 0; i < count; i++) {
            Message m = new Message(topic, "TagJava", "java-key-" + i,
                                    ("java-body-" + i).getBytes(StandardCharsets.UTF_8));
            m.putUserProperty("origin", "java");
            SendResult r = producer.send(m);
            System.out.println("SENT " + r.getSendStatus() + " " + r.getMsgId());
        }
        settleTraces();
        producer.shutdown();
    }

    static void produceTimers(String namesrv, String topic, int count, String delayMillis)
        throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("JavaTimerProducer");
        producer.setNamesrvAddr(namesrv);
        producer.start();
        for (int i = 0; i < count; i++) {
            Message m = new Message(topic, ("java-timer-" + i).getBytes(StandardCharsets.UTF_8));
            // Not a reserved name in 4.9.8: a 4.x client asks for a timer through a user property.
            m.putUserProperty("TIMER_DELAY_MS", delayMillis);
            long sentAt = System.currentTimeMillis();
            SendResult r = producer.send(m);
            System.out.println("SENT " + r.getMsgId() + " " + sentAt);
        }
        producer.shutdown();
    }

    static void request(String namesrv, String topic, int count, int timeoutMillis)
        throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("JavaInteropRequester");
        producer.setNamesrvAddr(namesrv);
        producer.start();
        for (int i = 0; i < count; i++) {
            Message m = new Message(topic, ("java-request-" + i).getBytes(StandardCharsets.UTF_8));
            try {
                Message reply = producer.request(m, timeoutMillis);
                System.out.println("REPLY " + new String(reply.getBody(), StandardCharsets.UTF_8) + "|"
                                   + reply.getProperty("CORRELATION_ID"));
            } catch (Exception e) {
                System.out.println("FAILED " + e);
            }
            System.out.flush();
        }
        producer.shutdown();
    }

    static void respond(String namesrv, String topic, String group, int count, int timeout)
        throws Exception {
        CountDownLatch latch = new CountDownLatch(count);
        DefaultMQProducer replier = new DefaultMQProducer("JavaInteropReplier");
        replier.setNamesrvAddr(namesrv);
        replier.start();
        DefaultMQPushConsumer consumer = pushConsumer(namesrv, group);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            for (MessageExt m : msgs) {
                if (m.getProperty("REPLY_TO_CLIENT") == null) continue;
                try {
                    Message reply = MessageUtil.createReplyMessage(
                        m, ("reply-to-" + new String(m.getBody(), StandardCharsets.UTF_8))
                               .getBytes(StandardCharsets.UTF_8));
                    SendResult r = replier.send(reply);
                    System.out.println("REPLIED " + r.getSendStatus());
                } catch (Exception e) {
                    System.out.println("REPLY FAILED " + e);
                }
                System.out.flush();
                latch.countDown();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        runUntil(consumer, latch, timeout);
        replier.shutdown();
    }

    static void consume(String namesrv, String topic, String group, int count, int timeout,
                        String sql) throws Exception {
        CountDownLatch latch = new CountDownLatch(count);
        DefaultMQPushConsumer consumer = pushConsumer(namesrv, group);
        if (sql == null) {
            consumer.subscribe(topic, "*");
        } else {
            consumer.subscribe(topic, MessageSelector.bySql(sql));
        }
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            for (MessageExt m : msgs) {
                synchronized (Interop.class) {
                    System.out.println("MSG " + m.getTopic() + "|" + m.getTags() + "|" + m.getKeys()
                                       + "|" + m.getUserProperty("origin") + "|"
                                       + new String(m.getBody(), StandardCharsets.UTF_8) + "|"
                                       + m.getMsgId());
                    System.out.flush();
                }
                latch.countDown();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        runUntil(consumer, latch, timeout);
    }

    /// 4.9.8's trace dispatcher flushes for at most 500 ms at shutdown and does not wait for the
    /// sends it started, so a traced client that stops at once may lose its last traces.
    static void settleTraces() throws InterruptedException {
        if (traced) Thread.sleep(2000);
    }

    static DefaultMQPushConsumer pushConsumer(String namesrv, String group) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group, traced);
        consumer.setNamesrvAddr(namesrv);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        return consumer;
    }

    /// Starts `consumer` (printing STARTED), waits for `latch` at most `timeout` seconds, shuts
    /// it down and prints DONE or TIMEOUT.
    static void runUntil(DefaultMQPushConsumer consumer, CountDownLatch latch, int timeout)
        throws Exception {
        consumer.start();
        System.out.println("STARTED");
        System.out.flush();
        boolean all = latch.await(timeout, TimeUnit.SECONDS);
        settleTraces();
        consumer.shutdown();
        System.out.println(all ? "DONE" : "TIMEOUT");
    }
}
