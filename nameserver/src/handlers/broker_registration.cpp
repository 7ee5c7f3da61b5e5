// REGISTER_BROKER, UNREGISTER_BROKER and QUERY_DATA_VERSION: a broker's heartbeat and goodbye.
#include <optional>

#include "body/data_version.hpp"
#include "body/kv_table.hpp"
#include "body/register_broker_body.hpp"
#include "handlers.hpp"
#include "message/checksum.hpp"
#include "proto/headers.hpp"
#include "proto/response_code.hpp"

namespace rmq::nameserver {

namespace {

using proto::ResponseCode;

Registration registration_of(const proto::RegisterBrokerRequestHeader& header,
                             const body::RegisterBrokerBody* body, uint64_t channel_id) {
    Registration r;
    r.cluster = header.clusterName;
    r.broker_addr = header.brokerAddr;
    r.broker_name = header.brokerName;
    r.broker_id = header.brokerId;
    r.ha_server_addr = header.haServerAddr;
    r.channel_id = channel_id;
    if (!body) return r;
    const auto& wrapper = body->topic_config_serialize_wrapper;
    r.data_version = {wrapper.data_version.timestamp, wrapper.data_version.counter};
    for (const auto& [topic, config] : wrapper.topic_config_table)
        r.topics.push_back({config.topic_name.empty() ? topic : config.topic_name,
                            config.read_queue_nums, config.write_queue_nums, config.perm,
                            config.topic_sys_flag});
    r.filter_servers = body->filter_server_list;
    return r;
}

RemotingCommand registration_answer(NameServerContext& context, const RemotingCommand& request,
                                    const RegistrationAnswer& answer) {
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    proto::RegisterBrokerResponseHeader out;
    if (!answer.master_addr.empty()) {
        out.masterAddr = answer.master_addr;
        out.haServerAddr = answer.ha_server_addr;
    }
    response.set_header(out);
    // Brokers learn the order-topic layout from the answer (Java's RegisterBrokerResult).
    if (auto order = context.kv.namespace_table(kOrderTopicConfigNamespace)) {
        body::KVTable table;
        for (auto& [k, v] : *order)
            table.table.insert_or_assign(k, v);
        response.body = table.encode();
    }
    return response;
}

}  // namespace

RemotingCommand handle_register_broker(NameServerContext& context,
                                       remoting::RequestContext& request_context,
                                       const RemotingCommand& request) {
    auto header = request.decode_header<proto::RegisterBrokerRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    if (header->bodyCrc32 != 0 && !request.body.empty()
        && message::body_crc(request.body) != header->bodyCrc32)
        return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR, "crc32 not match");
    std::optional<body::RegisterBrokerBody> payload;
    if (!request.body.empty()) {
        auto decoded = body::RegisterBrokerBody::decode(request.body, header->compressed);
        if (!decoded)
            return RemotingCommand::response_to(
                request, ResponseCode::SYSTEM_ERROR,
                "cannot decode the RegisterBrokerBody: " + decoded.error().message);
        payload = std::move(*decoded);
    }
    const auto answer = context.routes.register_broker(
        registration_of(*header, payload ? &*payload : nullptr, channel_id_of(request_context)));
    return registration_answer(context, request, answer);
}

RemotingCommand handle_unregister_broker(NameServerContext& context,
                                         const RemotingCommand& request) {
    auto header = request.decode_header<proto::UnRegisterBrokerRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    context.routes.unregister_broker(header->clusterName, header->brokerAddr, header->brokerName,
                                     header->brokerId);
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand handle_query_data_version(NameServerContext& context,
                                          const RemotingCommand& request) {
    auto header = request.decode_header<proto::QueryDataVersionRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    auto version = body::DataVersion::decode(request.body);
    if (!version)
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "cannot decode the DataVersion: " + version.error().message);
    bool changed = true;
    auto stored = context.routes.query_data_version(
        header->brokerAddr, {version->timestamp, version->counter}, changed);
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    proto::QueryDataVersionResponseHeader out;
    out.changed = changed;
    response.set_header(out);
    if (stored) {
        body::DataVersion v;
        v.timestamp = stored->timestamp;
        v.counter = stored->counter;
        response.body = v.encode();
    }
    return response;
}

}  // namespace rmq::nameserver
