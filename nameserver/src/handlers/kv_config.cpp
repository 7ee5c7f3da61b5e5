// The KV config requests: PUT/GET/DELETE_KV_CONFIG and GET_KVLIST_BY_NAMESPACE.
#include "body/kv_table.hpp"
#include "common/log.hpp"
#include "handlers.hpp"
#include "proto/headers.hpp"
#include "proto/response_code.hpp"

namespace rmq::nameserver {

using proto::ResponseCode;

RemotingCommand handle_put_kv_config(NameServerContext& context, const RemotingCommand& request) {
    auto header = request.decode_header<proto::PutKVConfigRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    if (header->ns.empty() || header->key.empty())
        return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                            "namespace or key is null");
    // Java keeps the change in memory and answers SUCCESS when the file cannot be written.
    if (auto r = context.kv.put(header->ns, header->key, header->value); !r)
        log::error("namesrv", "cannot persist the KV config: " + r.error().message);
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand handle_get_kv_config(NameServerContext& context, const RemotingCommand& request) {
    auto header = request.decode_header<proto::GetKVConfigRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    auto value = context.kv.get(header->ns, header->key);
    if (!value)
        return RemotingCommand::response_to(
            request, ResponseCode::QUERY_NOT_FOUND,
            "No config item, Namespace: " + header->ns + " Key: " + header->key);
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    proto::GetKVConfigResponseHeader out;
    out.value = *value;
    response.set_header(out);
    return response;
}

RemotingCommand handle_delete_kv_config(NameServerContext& context,
                                        const RemotingCommand& request) {
    auto header = request.decode_header<proto::DeleteKVConfigRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    if (auto r = context.kv.remove(header->ns, header->key); !r)
        log::error("namesrv", "cannot persist the KV config: " + r.error().message);
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand handle_get_kv_list_by_namespace(NameServerContext& context,
                                                const RemotingCommand& request) {
    auto header = request.decode_header<proto::GetKVListByNamespaceRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    auto table = context.kv.namespace_table(header->ns);
    if (!table)
        return RemotingCommand::response_to(request, ResponseCode::QUERY_NOT_FOUND,
                                            "No config item, Namespace: " + header->ns);
    body::KVTable out;
    for (auto& [k, v] : *table)
        out.table.insert_or_assign(k, v);
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.body = out.encode();
    return response;
}

}  // namespace rmq::nameserver
