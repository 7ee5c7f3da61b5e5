// What Apache RocketMQ 4.9.8's TraceDataEncoder writes for a fixed set of trace contexts: the
// oracle the C++ client's trace records are checked against (tests/unit/client). Prints one
// line per case: "name<TAB>data<TAB>keys", with \u0001 and \u0002 shown as "\1" and "\2" and
// the trace message's keys sorted and joined by spaces.
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.rocketmq.client.AccessChannel;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.trace.TraceBean;
import org.apache.rocketmq.client.trace.TraceContext;
import org.apache.rocketmq.client.trace.TraceDataEncoder;
import org.apache.rocketmq.client.trace.TraceTransferBean;
import org.apache.rocketmq.client.trace.TraceType;
import org.apache.rocketmq.common.message.MessageType;

public class TraceCodecOracle {
    static TraceBean bean(String msgId, String tags, String keys) {
        TraceBean b = new TraceBean();
        b.setMsgId(msgId);
        b.setTags(tags);
        b.setKeys(keys);
        return b;
    }

    static TraceContext context(TraceType type, long ts, String region, String group, TraceBean... beans) {
        TraceContext c = new TraceContext();
        c.setTraceType(type);
        c.setTimeStamp(ts);
        c.setRegionId(region);
        c.setGroupName(group);
        List<TraceBean> list = new ArrayList<>();
        for (TraceBean b : beans) list.add(b);
        c.setTraceBeans(list);
        return c;
    }

    static void print(String name, TraceContext c) {
        TraceTransferBean t = TraceDataEncoder.encoderFromContextBean(c);
        String data = t.getTransData().replace("\u0001", "\\1").replace("\u0002", "\\2");
        System.out.println(name + "\t" + data + "\t" + String.join(" ", new TreeSet<>(t.getTransKey())));
    }

    public static void main(String[] args) {
        TraceBean pub = bean("7F00000100002A9F0000000000000001", "TagA", "order-1 order-2");
        pub.setTopic("TopicA");
        pub.setStoreHost("127.0.0.1:10911");
        pub.setBodyLength(11);
        pub.setMsgType(MessageType.Normal_Msg);
        pub.setOffsetMsgId("7F00000100002A9F00000000000004D2");
        TraceContext c = context(TraceType.Pub, 1700000000123L, "DefaultRegion", "PG", pub);
        c.setCostTime(3);
        c.setSuccess(true);
        print("pub", c);

        TraceBean bare = bean("7F00000100002A9F0000000000000002", null, null);
        bare.setTopic("TopicB");
        bare.setStoreHost("10.0.0.5:10911");
        bare.setBodyLength(0);
        bare.setMsgType(MessageType.Delay_Msg);
        bare.setOffsetMsgId("0A00000500002A9F0000000000000000");
        c = context(TraceType.Pub, 1700000000456L, "RegionX", "PG", bare);
        c.setCostTime(250);
        c.setSuccess(false);
        print("pub-without-tags-and-keys", c);

        TraceBean first = bean("AC1100020001000000000000000000A1", "TagA", "k1");
        first.setRetryTimes(0);
        TraceBean second = bean("AC1100020001000000000000000000A2", null, null);
        second.setRetryTimes(3);
        c = context(TraceType.SubBefore, 1700000001000L, null, "CG", first, second);
        c.setRequestId("0A000005000018B4AAC2000000000001");
        print("sub-before-batch", c);

        c = context(TraceType.SubAfter, 1700000001020L, null, "CG", first, second);
        c.setRequestId("0A000005000018B4AAC2000000000001");
        c.setCostTime(10);
        c.setSuccess(false);
        c.setContextCode(4);
        c.setAccessChannel(AccessChannel.LOCAL);
        print("sub-after-batch", c);

        TraceBean tx = bean("7F00000100002A9F0000000000000003", "TagT", "tx-key");
        tx.setTopic("TxTopic");
        tx.setStoreHost("127.0.0.1:10911");
        tx.setMsgType(MessageType.Trans_msg_Commit);
        tx.setTransactionId("7F00000100002A9F0000000000000003");
        tx.setTransactionState(LocalTransactionState.ROLLBACK_MESSAGE);
        tx.setFromTransactionCheck(true);
        c = context(TraceType.EndTransaction, 1700000002000L, "DefaultRegion", "TxPG", tx);
        print("end-transaction", c);
    }
}
