// What mqadmin changes in the registry: topic deletion and brokers' write permission.
#include "handlers.hpp"
#include "proto/headers.hpp"
#include "proto/response_code.hpp"

namespace rmq::nameserver {

using proto::ResponseCode;

RemotingCommand handle_delete_topic(NameServerContext& context, const RemotingCommand& request) {
    auto header = request.decode_header<proto::DeleteTopicFromNamesrvRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    context.routes.delete_topic(header->topic, header->clusterName.value_or(""));
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand handle_wipe_write_perm(NameServerContext& context, const RemotingCommand& request) {
    auto header = request.decode_header<proto::WipeWritePermOfBrokerRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    proto::WipeWritePermOfBrokerResponseHeader out;
    out.wipeTopicCount = context.routes.wipe_write_perm(header->brokerName);
    response.set_header(out);
    return response;
}

RemotingCommand handle_add_write_perm(NameServerContext& context, const RemotingCommand& request) {
    auto header = request.decode_header<proto::AddWritePermOfBrokerRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    proto::AddWritePermOfBrokerResponseHeader out;
    out.addTopicCount = context.routes.add_write_perm(header->brokerName);
    response.set_header(out);
    return response;
}

}  // namespace rmq::nameserver
