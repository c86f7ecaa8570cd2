package dev.isosync.model;

/** Recognises the timestamps JavaScript's {@code Date.prototype.toJSON} writes: {@code 2020-01-02T03:04:05.006Z}. */
final class IsoDates {
    private IsoDates() {
    }

    static boolean isIsoInstant(String s) {
        // yyyy-MM-ddTHH:mm:ss.SSSZ, fixed width: the form whose hash matches LoopBack's (PROTOCOL.md 1.2)
        if (s.length() != 24) {
            return false;
        }
        String shape = "dddd-dd-ddTdd:dd:dd.dddZ";
        for (int i = 0; i < shape.length(); i++) {
            char want = shape.charAt(i);
            char c = s.charAt(i);
            if (want == 'd' ? (c < '0' || c > '9') : c != want) {
                return false;
            }
        }
        int month = Integer.parseInt(s.substring(5, 7));
        int day = Integer.parseInt(s.substring(8, 10));
        int hour = Integer.parseInt(s.substring(11, 13));
        int minute = Integer.parseInt(s.substring(14, 16));
        int second = Integer.parseInt(s.substring(17, 19));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 60;
    }
}
