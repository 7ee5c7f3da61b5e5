#include <exception>

#include "proto/response_code.hpp"
#include "remoting/connection.hpp"
#include "remoting/processor.hpp"

namespace rmq::remoting {

RequestContext::Parked::Parked(std::shared_ptr<Connection> connection)
    : connection_(std::move(connection)) {
    if (connection_) connection_->park_request();
}

RequestContext::Parked::~Parked() {
    if (connection_) connection_->unpark_request();
}

const std::string& RequestContext::remote_address() const {
    // Handlers called directly (unit tests) have no connection.
    static const std::string none;
    return connection ? connection->remote_address() : none;
}

void ProcessorTable::set(int32_t code, Processor processor) {
    processors_[code] = std::move(processor);
}

void ProcessorTable::set_default(Processor processor) {
    default_ = std::move(processor);
}

const Processor* ProcessorTable::find(int32_t code) const {
    auto it = processors_.find(code);
    if (it != processors_.end()) return &it->second;
    return default_ ? &default_ : nullptr;
}

asio::awaitable<std::optional<RemotingCommand>> ProcessorTable::dispatch(
    RequestContext& ctx, RemotingCommand& request) const {
    std::optional<RemotingCommand> response;
    const Processor* processor = find(request.code);
    if (processor == nullptr) {
        // Java's wording, leading space included; clients match on the code only.
        response = RemotingCommand::response_to(
            request, to_int(proto::ResponseCode::REQUEST_CODE_NOT_SUPPORTED),
            " request type " + std::to_string(request.code) + " not supported");
    } else {
        std::optional<std::string> failure;
        try {
            response = co_await (*processor)(ctx, request);
        } catch (const std::exception& e) {
            failure = e.what();
        } catch (...) {
            failure = "unknown exception";
        }
        if (failure)
            response = RemotingCommand::response_to(
                request, to_int(proto::ResponseCode::SYSTEM_ERROR), std::move(failure));
    }
    if (request.is_oneway() || !response) co_return std::nullopt;
    // The response must answer this request whatever the handler filled in.
    response->opaque = request.opaque;
    response->flag = proto::rpc_flag::kResponse;
    response->serialize_type = request.serialize_type;
    co_return response;
}

}  // namespace rmq::remoting
