// Transactional sends (Java's sendMessageInTransaction) and the answers to the broker's checks.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"
#include "core/blocking.hpp"
#include "core/errors.hpp"
#include "core/requests.hpp"
#include "message/message_id.hpp"
#include "producer/producer_impl.hpp"
#include "proto/flags.hpp"
#include "proto/request_code.hpp"

namespace rocketmq {

const char* to_string(LocalTransactionState state) noexcept {
    switch (state) {
        case LocalTransactionState::commit:
            return "COMMIT_MESSAGE";
        case LocalTransactionState::rollback:
            return "ROLLBACK_MESSAGE";
        case LocalTransactionState::unknown:
            return "UNKNOW";
    }
    return "UNKNOW";
}

}  // namespace rocketmq

namespace rocketmq::detail {

namespace proto = rmq::proto;

namespace {

int32_t commit_or_rollback(LocalTransactionState state) {
    switch (state) {
        case LocalTransactionState::commit:
            return proto::msg_sys_flag::kTransactionCommitType;
        case LocalTransactionState::rollback:
            return proto::msg_sys_flag::kTransactionRollbackType;
        case LocalTransactionState::unknown:
            return proto::msg_sys_flag::kTransactionNotType;
    }
    return proto::msg_sys_flag::kTransactionNotType;
}

template <class Fn, class Arg>
LocalTransactionState run_guarded(const Fn& fn, const Arg& arg, const char* what) {
    try {
        return fn(arg);
    } catch (const std::exception& e) {
        rmq::log::warn("client", std::string(what) + " threw (treated as UNKNOW): " + e.what());
        return LocalTransactionState::unknown;
    }
}

}  // namespace

void ProducerImpl::set_transaction_checker(TransactionChecker checker) {
    checker_ = std::move(checker);
    check_pool_ = std::make_unique<asio::thread_pool>(1);
}

asio::awaitable<Result<TransactionSendResult>> ProducerImpl::send_in_transaction(
    Message message, LocalTransactionExecutor local) {
    if (auto running = check_running(); !running) co_return running.error();
    if (!checker_)
        co_return make_error(ErrorKind::invalid_state, "the producer has no transaction checker");
    if (auto valid = check_message(message, options_); !valid) co_return valid.error();
    if (message.delay_level() > 0) message.set_delay_level(0);  // as Java: no delay for halves
    message.set_property("TRAN_MSG", "true");
    message.set_property("PGROUP", group_);
    const auto topic = instance_->wrap_namespace(message.topic);
    auto out =
        prepare_single(message, topic, options_, proto::msg_sys_flag::kTransactionPreparedType);
    auto sent = co_await send_out(std::move(out), std::monostate{}, SendMode::sync, message);
    if (!sent) co_return sent.error();

    TransactionSendResult result;
    static_cast<SendResult&>(result) = *sent;
    if (sent->status == SendStatus::send_ok) {
        if (!sent->transaction_id.empty())
            message.set_property("__transactionId__", sent->transaction_id);
        // Off the client's thread: a local transaction usually blocks on a database.
        result.local_state = co_await asio::co_spawn(
            *check_pool_,
            [&]() -> asio::awaitable<LocalTransactionState> {
                co_return run_guarded(local, message, "the local transaction");
            },
            asio::use_awaitable);
    } else {
        result.local_state = LocalTransactionState::rollback;
    }

    auto stored_at = rmq::message::parse_offset_msg_id(sent->offset_msg_id);
    const auto addr = instance_->master_address(sent->queue.broker_name);
    if (!stored_at || addr.empty()) {
        rmq::log::warn("client", "cannot end transaction " + sent->msg_id
                                     + ": no broker address or offset id");
        co_return result;
    }
    proto::EndTransactionRequestHeader h;
    h.producerGroup = group_;
    h.tranStateTableOffset = sent->queue_offset;
    h.commitLogOffset = stored_at->commit_log_offset;
    h.commitOrRollback = commit_or_rollback(result.local_state);
    h.fromTransactionCheck = false;
    h.msgId = sent->msg_id;
    h.transactionId = sent->transaction_id.empty() ? sent->msg_id : sent->transaction_id;
    trace_end_transaction(message, {topic, {}, sent->msg_id, addr, result.local_state, false});
    auto request = make_request(proto::to_int(proto::RequestCode::END_TRANSACTION), h);
    auto ended = co_await instance_->call_oneway(addr, std::move(request),
                                                 options_.send_msg_timeout, "end transaction");
    if (!ended)
        rmq::log::warn("client", ended.error().message() + " (the broker will check it later)");
    co_return result;
}

void ProducerImpl::check_transaction(const std::string& broker_addr,
                                     const proto::CheckTransactionStateRequestHeader& header,
                                     ReceivedMessage message) {
    if (!checker_ || !check_pool_) return;
    // The checker may block (a database lookup): run it on the check thread, answer from here.
    asio::post(*check_pool_, [self = shared_from_this(), broker_addr, header,
                              message = std::move(message)]() mutable {
        const auto state = run_guarded(self->checker_, message, "the transaction checker");
        asio::co_spawn(
            self->executor(),
            [](std::shared_ptr<ProducerImpl> p, std::string addr,
               proto::CheckTransactionStateRequestHeader check, ReceivedMessage m,
               LocalTransactionState s) -> asio::awaitable<void> {
                if (!p->instance_) co_return;
                proto::EndTransactionRequestHeader h;
                h.producerGroup = p->group_;
                h.tranStateTableOffset = check.tranStateTableOffset;
                h.commitLogOffset = check.commitLogOffset;
                h.commitOrRollback = commit_or_rollback(s);
                h.fromTransactionCheck = true;
                const auto uniq = m.unique_key();
                h.msgId = uniq.empty() ? m.msg_id : std::string(uniq);
                h.transactionId = check.transactionId;
                p->trace_end_transaction(m, {m.topic, {}, h.msgId, addr, s, true});
                auto request = make_request(proto::to_int(proto::RequestCode::END_TRANSACTION), h);
                auto ended = co_await p->instance_->call_oneway(addr, std::move(request),
                                                                std::chrono::milliseconds(3000),
                                                                "end transaction after a check");
                if (!ended) rmq::log::warn("client", ended.error().message());
            }(self, broker_addr, header, std::move(message), state),
            asio::detached);
    });
}

}  // namespace rocketmq::detail

namespace rocketmq {

TransactionProducer::TransactionProducer(asio::any_io_executor executor, ProducerOptions options,
                                         TransactionChecker checker, ClientOptions client)
    : Producer(std::move(executor), std::move(options), std::move(client)) {
    impl_->set_transaction_checker(std::move(checker));
}

TransactionProducer::TransactionProducer(ProducerOptions options, TransactionChecker checker,
                                         ClientOptions client)
    : Producer(std::move(options), std::move(client)) {
    impl_->set_transaction_checker(std::move(checker));
}

asio::awaitable<Result<TransactionSendResult>> TransactionProducer::send_in_transaction(
    Message message, LocalTransactionExecutor local) {
    return detail::on_client(impl_->executor(),
                             impl_->send_in_transaction(std::move(message), std::move(local)),
                             "transactional send");
}

Result<TransactionSendResult> TransactionProducer::send_in_transaction_blocking(
    Message message, LocalTransactionExecutor local) {
    return detail::block_on(impl_->executor(),
                            impl_->send_in_transaction(std::move(message), std::move(local)),
                            "transactional send");
}

}  // namespace rocketmq
