// END_TRANSACTION (EndTransactionProcessor, spec/behaviours.md §2.12): the producer's verdict on a
// half message. Commit copies it to its real topic and then writes the "delete" op; rollback
// writes the op only; an unknown state is ignored. Java producers send it oneway, so the answer
// matters only to a two-way caller (the remoting layer drops a oneway request's answer).
#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "core/broker_context.hpp"
#include "message/record.hpp"
#include "proto/flags.hpp"
#include "proto/response_code.hpp"
#include "transaction/transaction_handlers.hpp"
#include "transaction/transaction_rules.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;
using store::PutMessageStatus;
namespace sys = proto::msg_sys_flag;

/// sendFinalMessage: the committed copy's put as END_TRANSACTION's answer (its own remarks,
/// unlike a send's).
RemotingCommand final_put_response(const RemotingCommand& request,
                                   const store::PutMessageResult& result) {
    const auto answer = [&](ResponseCode code, std::string remark = {}) {
        return RemotingCommand::response_to(request, code, std::move(remark));
    };
    switch (result.status) {
        case PutMessageStatus::put_ok:
        case PutMessageStatus::flush_disk_timeout:
        case PutMessageStatus::flush_slave_timeout:
        case PutMessageStatus::slave_not_available:
            return answer(ResponseCode::SUCCESS);
        case PutMessageStatus::create_mapped_file_failed:
            return answer(ResponseCode::SYSTEM_ERROR, "Create mapped file failed.");
        case PutMessageStatus::message_illegal:
        case PutMessageStatus::properties_size_exceeded:
            return answer(ResponseCode::MESSAGE_ILLEGAL,
                          "The message is illegal, maybe msg body or properties length not "
                          "matched. msg body length limit 128k, msg properties length limit 32k.");
        case PutMessageStatus::service_not_available:
            return answer(ResponseCode::SERVICE_NOT_AVAILABLE, "Service not available now.");
        case PutMessageStatus::os_pagecache_busy:
            return answer(ResponseCode::SYSTEM_ERROR,
                          "OS page cache busy, please try another machine");
        case PutMessageStatus::unknown_error:
            break;
    }
    return answer(ResponseCode::SYSTEM_ERROR, "UNKNOWN_ERROR");
}

/// commitMessage / rollbackMessage: the half record the header names, checked against it.
common::Expected<message::MessageExt, RemotingCommand> find_half_message(
    BrokerContext& broker, const RemotingCommand& request,
    const proto::EndTransactionRequestHeader& header) {
    auto bytes = broker.store->select_one_message_by_offset(header.commitLogOffset);
    auto decoded = message::decode_record(bytes.bytes);
    if (!bytes || !decoded.is_message())
        return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                            "Find prepared transaction message failed");
    message::MessageExt half = std::move(decoded).record();
    if (auto matches = check_end_transaction_matches(header, half); !matches)
        return RemotingCommand::response_to(request, matches.error());
    return half;
}

/// The committed copy in its real topic; the answer when it could not be stored.
boost::asio::awaitable<std::optional<RemotingCommand>> put_committed(
    BrokerContext& broker, const RemotingCommand& request, const message::MessageExt& half) {
    auto committed = committed_message(half);
    if (!committed)
        co_return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                               "the prepared message has no REAL_TOPIC/REAL_QID");
    // WAIT=false in Java's memory only: no flush wait, whatever the stored WAIT says.
    const store::PutOptions options{.reroute_delayed = true, .wait_for_flush = false};
    message::MessageExt final_message = std::move(*committed);
    const auto result = co_await broker.store->put(std::move(final_message), options);
    auto response = final_put_response(request, result);
    if (response.code != proto::to_int(ResponseCode::SUCCESS)) co_return response;
    co_return std::nullopt;
}

/// deletePrepareMessage: the op tells the check service this half message is done. Java does
/// not let its outcome change the answer.
boost::asio::awaitable<void> put_delete_op(BrokerContext& broker, int64_t half_queue_offset,
                                           int32_t half_queue_id) {
    message::MessageExt op =
        op_message(half_queue_offset, half_queue_id, common::epoch_millis(), broker.store_host);
    const store::PutOptions op_options{.reroute_delayed = false, .wait_for_flush = false};
    const auto op_result = co_await broker.store->put(std::move(op), op_options);
    if (!op_result.ok())
        log::warn("transaction", "the delete op for half offset "
                                     + std::to_string(half_queue_offset) + " was not stored ("
                                     + std::string(store::to_string(op_result.status)) + ")");
}

}  // namespace

boost::asio::awaitable<std::optional<RemotingCommand>> handle_end_transaction(
    BrokerContext& broker, remoting::RequestContext&, const RemotingCommand& request) {
    auto header = request.decode_header<proto::EndTransactionRequestHeader>();
    if (!header) co_return RemotingCommand::response_to(request, header.error());
    if (broker.is_slave())
        co_return RemotingCommand::response_to(request, ResponseCode::SLAVE_NOT_AVAILABLE);
    const int32_t verdict = header->commitOrRollback;
    if (verdict != sys::kTransactionCommitType && verdict != sys::kTransactionRollbackType)
        co_return std::nullopt;  // unknown (or anything else): Java answers nothing
    auto half = find_half_message(broker, request, *header);
    if (!half) co_return half.error();
    if (verdict == sys::kTransactionCommitType) {
        if (auto refusal = co_await put_committed(broker, request, *half)) co_return refusal;
    }
    co_await put_delete_op(broker, half->queue_offset, half->queue_id);
    co_return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

}  // namespace rmq::broker
