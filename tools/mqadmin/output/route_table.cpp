#include "output/route_table.hpp"

#include <algorithm>
#include <map>

#include "output/text.hpp"

namespace rmq::mqadmin {

namespace {

// Java's "%-45s %-32s %-50s %-10s %-11s %-5s%n".
std::string route_row(std::string_view a, std::string_view b, std::string_view c,
                      std::string_view d, std::string_view e, std::string_view f) {
    return left(a, 45) + " " + left(b, 32) + " " + left(c, 50) + " " + left(d, 10) + " "
           + left(e, 11) + " " + left(f, 5) + "\n";
}

// HashMap<Long, String>.toString: "{0=127.0.0.1:10911, 1=...}".
std::string addrs_string(const std::map<int64_t, std::string>& addrs) {
    std::string out = "{";
    for (const auto& [id, addr] : addrs)
        out += (out.size() > 1 ? ", " : "") + std::to_string(id) + "=" + addr;
    return out + "}";
}

}  // namespace

std::string route_table(body::TopicRouteData route) {
    std::string out;
    std::map<std::string, body::QueueData> queues;
    for (const auto& q : route.queue_datas)
        queues[q.broker_name] = q;
    std::sort(route.broker_datas.begin(), route.broker_datas.end(),
              [](const auto& a, const auto& b) { return a.broker_name < b.broker_name; });
    out += route_row("#ClusterName", "#BrokerName", "#BrokerAddrs", "#ReadQueue", "#WriteQueue",
                     "#Perm");
    int64_t total_read = 0, total_write = 0;
    for (const auto& broker : route.broker_datas) {
        auto it = queues.find(broker.broker_name);
        // A broker without queue data would make Java throw; show it with zero queues instead.
        body::QueueData q = it != queues.end() ? it->second : body::QueueData{};
        total_read += q.read_queue_nums;
        total_write += q.write_queue_nums;
        out += route_row(broker.cluster, broker.broker_name, addrs_string(broker.broker_addrs),
                         std::to_string(q.read_queue_nums), std::to_string(q.write_queue_nums),
                         std::to_string(q.perm));
    }
    out += std::string(158, '-') + "\n";
    out += route_row("Total:", std::to_string(queues.size()), "", std::to_string(total_read),
                     std::to_string(total_write), "");
    return out;
}

}  // namespace rmq::mqadmin
