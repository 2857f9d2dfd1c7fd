package dev.herald.testkit.channel;

import dev.herald.channel.smpp.SmsText;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * A real SMSC on the loopback, jSMPP's server side: it takes binds with one system id and password,
 * answers each {@code submit_sm} as the test says (accepted, throttled, refused), keeps what it
 * took, sends the delivery receipts the test asks for, and sends replies from handsets.
 */
public final class SmscPeer implements AutoCloseable {

    /** One {@code submit_sm} as the SMSC took it. */
    public record Submitted(String source, int sourceTon, String to, int toTon, boolean ucs2, boolean udh, byte[] bytes, String messageId) {

        /** Its text, without the concatenation header. */
        public String text() {
            return SmsText.decode(bytes, !ucs2, udh);
        }

        /** Its concatenation header: reference, parts, this part's number; null without one. */
        public int[] concatenation() {
            return udh ? new int[] {bytes[3] & 0xFF, bytes[4] & 0xFF, bytes[5] & 0xFF} : null;
        }
    }

    private final String systemId;
    private final String password;
    private final int port;
    private final SMPPServerSessionListener listener;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final List<Submitted> submitted = java.util.Collections.synchronizedList(new java.util.ArrayList<>()); // a benchmark adds millions
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final AtomicInteger binds = new AtomicInteger();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final Thread acceptor;
    private volatile Function<Submitted, Integer> answer = s -> SMPPConstant.STAT_ESME_ROK;
    private volatile Function<Submitted, DeliveryReceiptState> receipt = s -> null;
    private volatile boolean closed;

    public SmscPeer(String systemId, String password) throws IOException {
        this.systemId = systemId;
        this.password = password;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        listener = new SMPPServerSessionListener(port, new NoDelay());
        listener.setTimeout(200);
        acceptor = Thread.ofPlatform().daemon().name("smsc-peer").start(this::accept);
    }

    public int port() {
        return port;
    }

    /** The provider URL of this SMSC, sending as {@code source}. */
    public String url(String source) {
        return "smpp://" + systemId + ":" + password + "@127.0.0.1:" + port + "?source=" + source;
    }

    /** How each submit is answered: a command status, {@link SMPPConstant#STAT_ESME_ROK} to take it. */
    public void answer(Function<Submitted, Integer> status) {
        this.answer = status;
    }

    /** The receipt each taken submit gets, shortly after it was taken (null: none). */
    public void receipts(Function<Submitted, DeliveryReceiptState> state) {
        this.receipt = state;
    }

    public List<Submitted> submitted() {
        synchronized (submitted) {
            return List.copyOf(submitted);
        }
    }

    public int binds() {
        return binds.get();
    }

    /** Sends {@code text} from the handset {@code from} to {@code to} on the first bound session. */
    public void reply(String from, String to, String text) throws Exception {
        SMPPServerSession s = sessions.get(0);
        boolean gsm = SmsText.isGsm(text);
        byte[] bytes = SmsText.of(text, 0).parts().get(0);
        s.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, from, TypeOfNumber.ALPHANUMERIC,
                NumberingPlanIndicator.UNKNOWN, to, new ESMClass(), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                gsm ? DataCodings.ZERO : new GeneralDataCoding(Alphabet.ALPHA_UCS2), bytes);
    }

    private void accept() {
        while (!closed) {
            try {
                SMPPServerSession s = listener.accept();
                s.setMessageReceiverListener(new Receiver());
                BindRequest bind = s.waitForBind(5_000);
                if (bind.getSystemId().equals(systemId) && bind.getPassword().equals(password)) {
                    bind.accept("herald-peer");
                    binds.incrementAndGet();
                    sessions.add(s);
                } else {
                    bind.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                }
            } catch (java.net.SocketTimeoutException e) {
                // look at closed again
            } catch (Exception e) {
                if (!closed) {
                    System.err.println("smsc peer: " + e);
                }
            }
        }
    }

    private void sendReceipt(SMPPServerSession s, Submitted m, DeliveryReceiptState state) {
        try {
            DeliveryReceipt r = new DeliveryReceipt(m.messageId(), 1, state == DeliveryReceiptState.DELIVRD ? 1 : 0, new Date(), new Date(),
                    state, state == DeliveryReceiptState.DELIVRD ? "000" : "001", "");
            s.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, m.to(), TypeOfNumber.ALPHANUMERIC,
                    NumberingPlanIndicator.UNKNOWN, m.source(), new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT,
                            GSMSpecificFeature.DEFAULT), (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO, r.toString().getBytes());
        } catch (Exception e) {
            if (!closed) {
                System.err.println("smsc peer receipt: " + e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        later.shutdownNow();
        for (SMPPServerSession s : sessions) {
            s.close();
        }
        try {
            listener.close();
            acceptor.join(2_000);
        } catch (IOException | InterruptedException e) {
            // closing
        }
    }

    /** Server sockets whose connections answer at once (Nagle's algorithm off), as an SMSC built for throughput does. */
    private static final class NoDelay implements org.jsmpp.session.connection.ServerConnectionFactory {
        @Override
        public org.jsmpp.session.connection.ServerConnection listen(int port) throws IOException {
            return listen(port, 0, 50);
        }

        @Override
        public org.jsmpp.session.connection.ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 50);
        }

        @Override
        public org.jsmpp.session.connection.ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            ServerSocket socket = new ServerSocket(port, backlog);
            socket.setSoTimeout(timeout);
            return new org.jsmpp.session.connection.socket.ServerSocketConnection(socket) {
                @Override
                public org.jsmpp.session.connection.Connection accept() throws IOException {
                    java.net.Socket s = socket.accept();
                    s.setTcpNoDelay(true);
                    return new org.jsmpp.session.connection.socket.SocketConnection(s);
                }
            };
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession source) throws ProcessRequestException {
            boolean ucs2 = (sm.getDataCoding() & 0x0F) == 0x08;
            boolean udh = (sm.getEsmClass() & 0x40) != 0;
            Submitted probe = new Submitted(sm.getSourceAddr(), sm.getSourceAddrTon(), sm.getDestAddress(), sm.getDestAddrTon(), ucs2, udh,
                    sm.getShortMessage(), null);
            int status = answer.apply(probe);
            if (status != SMPPConstant.STAT_ESME_ROK) {
                throw new ProcessRequestException("answered " + status, status);
            }
            String id = Integer.toString(ids.incrementAndGet());
            Submitted taken = new Submitted(probe.source(), probe.sourceTon(), probe.to(), probe.toTon(), ucs2, udh, probe.bytes(), id);
            submitted.add(taken);
            DeliveryReceiptState state = receipt.apply(taken);
            if (state != null) {
                later.schedule(() -> sendReceipt(source, taken, state), 20, TimeUnit.MILLISECONDS);
            }
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
