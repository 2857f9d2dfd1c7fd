package dev.herald.channel.smpp;

import dev.herald.channel.Channel;
import dev.herald.channel.ChannelEvents;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.ChannelUnavailableException;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.Throttle;
import dev.herald.channel.Bounce;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.InvalidDeliveryReceiptException;

/**
 * Text messages over SMPP 3.4 (jSMPP): one transceiver bind, made when the first message goes and
 * kept while the process runs, so that delivery receipts and replies keep arriving. Up to the
 * provider's window of {@code submit_sm} wait for their answers at once (one per sending thread).
 * Each message is GSM-7 or UCS-2 and split into concatenated parts when long ({@link SmsText}); its
 * provider id is its parts' message ids, kept so that receipts find it after a restart too.
 *
 * <p>What the SMSC answers decides each message: {@code ESME_ROK} is sent; {@code ESME_RTHROTTLED}
 * and {@code ESME_RMSGQFUL} are tried again after a pause that doubles (0.1 s, 0.2 s, …) up to the
 * provider's attempts, then the message stays pending (deferred); {@code ESME_RINVDSTADR} fails it
 * as a hard bounce of the number; any other refusal fails it with the status. A lost connection or a
 * timeout leaves the message and the rest of its part of the batch pending. Receipts
 * ({@code DELIVRD}; {@code UNDELIV}, {@code EXPIRED}, {@code REJECTD}, {@code DELETED}) and messages
 * the recipients send back go to {@link ChannelEvents}.
 */
public final class SmppChannel implements Channel, AutoCloseable {

    private static final int REMEMBERED = 100_000;

    private final SmppProvider provider;
    private final ChannelEvents events;
    private final AtomicInteger reference = new AtomicInteger();
    /** Provider id → message id of the messages this process sent, the newest {@value #REMEMBERED}. */
    private final Map<String, Long> sent = java.util.Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    });
    private final Throttle throttle;
    private SMPPSession session;

    public SmppChannel(SmppProvider provider, ChannelEvents events) {
        this.provider = provider;
        this.events = events;
        this.throttle = new Throttle(provider.rate());
    }

    @Override
    public String id() {
        return "smpp";
    }

    @Override
    public int concurrency() {
        return provider.window();
    }

    @Override
    public int batch() {
        return provider.batch();
    }

    @Override
    public boolean keepsProviderIds() {
        return true;
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) throws ChannelUnavailableException {
        SMPPSession s = session();
        List<SendResult> results = new ArrayList<>(batch.size());
        String stopped = null; // why the rest of the batch stays pending
        for (OutboundMessage m : batch) {
            if (stopped != null) {
                results.add(new SendResult.Deferred(stopped));
                continue;
            }
            try {
                throttle.acquire();
                results.add(submit(s, m));
            } catch (IOException | ResponseTimeoutException | InvalidResponseException e) {
                lost(s);
                stopped = "the SMSC " + provider.host() + " did not answer: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                results.add(new SendResult.Deferred(stopped));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = "interrupted while waiting to submit";
                results.add(new SendResult.Deferred(stopped));
            }
        }
        return results;
    }

    private SendResult submit(SMPPSession s, OutboundMessage m)
            throws IOException, ResponseTimeoutException, InvalidResponseException, InterruptedException {
        String to = m.address().strip();
        String digits = to.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return new SendResult.Failed("not a phone number: " + to);
        }
        SmsText text;
        try {
            text = SmsText.of(m.main() == null ? "" : m.main(), reference.incrementAndGet() & 0xFF);
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed(e.getMessage());
        }
        List<String> ids = new ArrayList<>();
        for (byte[] part : text.parts()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    SubmitSmResult r = s.submitShortMessage("", sourceTon(), provider.numericSource() ? NumberingPlanIndicator.ISDN
                                    : NumberingPlanIndicator.UNKNOWN, provider.source().replace("+", ""),
                            to.startsWith("+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, digits,
                            new ESMClass(text.concatenated() ? 0x40 : 0), (byte) 0, (byte) 1, null, null,
                            new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                            new GeneralDataCoding(text.gsm() ? Alphabet.ALPHA_DEFAULT : Alphabet.ALPHA_UCS2), (byte) 0, part);
                    ids.add(r.getMessageId());
                    sent.put(r.getMessageId(), m.id());
                    break;
                } catch (NegativeResponseException e) {
                    int status = e.getCommandStatus();
                    if (status == SMPPConstant.STAT_ESME_RTHROTTLED || status == SMPPConstant.STAT_ESME_RMSGQFUL) {
                        if (attempt >= provider.attempts()) {
                            return new SendResult.Deferred("the SMSC " + provider.host() + " throttled it " + attempt + " times ("
                                    + status(status) + ")" + (ids.isEmpty() ? "" : " after " + ids.size() + " of its " + text.parts().size() + " parts"));
                        }
                        Thread.sleep(100L << (attempt - 1));
                        continue;
                    }
                    String reason = "refused by the SMSC " + provider.host() + ": " + status(status);
                    return new SendResult.Failed(reason, status == SMPPConstant.STAT_ESME_RINVDSTADR ? Bounce.HARD : null);
                } catch (PDUException e) {
                    return new SendResult.Failed("not a message SMPP can carry: " + e.getMessage());
                }
            }
        }
        return new SendResult.Sent(String.join(",", ids));
    }

    private TypeOfNumber sourceTon() {
        if (!provider.numericSource()) {
            return TypeOfNumber.ALPHANUMERIC;
        }
        return provider.source().startsWith("+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN;
    }

    private static String status(int status) {
        return switch (status) {
            case SMPPConstant.STAT_ESME_RINVDSTADR -> "ESME_RINVDSTADR (invalid destination address)";
            case SMPPConstant.STAT_ESME_RTHROTTLED -> "ESME_RTHROTTLED (throttling error)";
            case SMPPConstant.STAT_ESME_RMSGQFUL -> "ESME_RMSGQFUL (message queue full)";
            case SMPPConstant.STAT_ESME_RSYSERR -> "ESME_RSYSERR (system error)";
            default -> String.format("command status 0x%08X", status);
        };
    }

    /** The bound session: this process's one, or a new one bound now. */
    private synchronized SMPPSession session() throws ChannelUnavailableException {
        if (session != null && session.getSessionState().isBound()) {
            return session;
        }
        SMPPSession s = new SMPPSession(SmppChannel::connect);
        s.setTransactionTimer(provider.timeout().toMillis());
        s.setEnquireLinkTimer(30_000);
        s.setMessageReceiverListener(new Receiver());
        try {
            s.connectAndBind(provider.host(), provider.port(), new BindParameter(BindType.BIND_TRX, provider.systemId(), provider.password(),
                    provider.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), provider.timeout().toMillis());
        } catch (IOException e) {
            s.close();
            throw new ChannelUnavailableException("cannot bind to the SMSC " + provider.host() + ":" + provider.port() + " as "
                    + provider.systemId() + ": " + e.getMessage(), e);
        }
        session = s;
        return s;
    }

    /**
     * A connection with Nagle's algorithm off: with it, the last {@code submit_sm} of a batch waited
     * for the SMSC's delayed acknowledgement, 40 ms a batch (a third of the time at 100 a batch).
     */
    private static org.jsmpp.session.connection.Connection connect(String host, int port) throws IOException {
        java.net.Socket socket = new java.net.Socket(host, port);
        socket.setTcpNoDelay(true);
        return new org.jsmpp.session.connection.socket.SocketConnection(socket);
    }

    private synchronized void lost(SMPPSession s) {
        if (session == s) {
            s.close();
            session = null;
        }
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.unbindAndClose();
            session = null;
        }
    }

    /** Receipts and replies, on jSMPP's threads. */
    private final class Receiver implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm d) throws ProcessRequestException {
            try {
                if (d.isSmscDeliveryReceipt()) {
                    DeliveryReceipt r = d.getShortMessageAsDeliveryReceipt();
                    DeliveryReceiptState state = r.getFinalStatus();
                    if (state == DeliveryReceiptState.ENROUTE || state == DeliveryReceiptState.ACCEPTD) {
                        return; // not final yet
                    }
                    events.receipt(ChannelTypes.SMS, sent.get(r.getId()), r.getId(), state == DeliveryReceiptState.DELIVRD
                            ? ChannelEvents.Receipt.DELIVERED : ChannelEvents.Receipt.UNDELIVERED, state + " err:" + r.getError());
                } else {
                    boolean ucs2 = (d.getDataCoding() & 0x0F) == 0x08;
                    boolean udh = (d.getEsmClass() & 0x40) != 0;
                    events.inbound(ChannelTypes.SMS, d.getSourceAddr(), d.getDestAddress(), SmsText.decode(d.getShortMessage(), !ucs2, udh));
                }
            } catch (InvalidDeliveryReceiptException e) {
                throw new ProcessRequestException("not a delivery receipt: " + e.getMessage(), SMPPConstant.STAT_ESME_RX_P_APPN);
            } catch (RuntimeException e) {
                // the store could not record it: the SMSC delivers it again later
                throw new ProcessRequestException("cannot record it now: " + e.getMessage(), SMPPConstant.STAT_ESME_RX_T_APPN);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not taken; send deliver_sm", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}

