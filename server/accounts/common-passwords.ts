/**
 * Passwords of ten characters or more that appear at the top of public breach lists and
 * are tried first by anyone guessing. Compared in lower case.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '1234567890', '0123456789', '12345678910', '1234567891', '123456789a', 'a123456789', '0987654321', '9876543210',
  '1111111111', '0000000000', '1212121212', '1q2w3e4r5t', 'q1w2e3r4t5', '1qaz2wsx3edc', 'qwertyuiop', 'qwerty1234',
  '1234qwerty', 'qwerty12345', 'asdfghjkl;', 'asdfghjkl1', 'zxcvbnm123', 'password12', 'password123', 'password1234',
  'password01', 'password!', 'password1!', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123', 'iloveyou12', 'iloveyou123',
  'welcome123', 'welcome1234', 'letmein123', 'letmein1234', 'administrator', 'admin12345', 'admin123456', 'changeme123',
  'changeme1234', 'football123', 'baseball123', 'basketball', 'sunshine123', 'princess123', 'superman123', 'starwars123',
  'monkey12345', 'dragon12345', 'trustno1234', 'whatever123', 'abcdefghij', 'abcd123456', 'abc1234567', 'abcdef1234',
  'qazwsxedcrfv', 'qazwsxedc1', 'mypassword', 'mypassword1', 'mypassword123', 'secret1234', 'summer2024', 'summer2025',
  'summer2026', 'winter2024', 'winter2025', 'winter2026', 'spring2025', 'spring2026', 'autumn2025', 'autumn2026',
  'january2026', 'password2024', 'password2025', 'password2026', 'handoff123', 'handoff1234', 'handoffhandoff', 'medicalcoder',
  'medicalcoding', 'coding12345', 'hospital123', 'student1234', 'student12345', 'teacher1234', 'trainee1234', 'trainer1234',
  'computer123', 'internet123', 'football1', 'liverpool1', 'chocolate1', 'michael123', 'jennifer123', 'jordan2323',
  'charlie123', 'freedom123', 'pokemon123', 'naruto1234', 'samsung123', 'lovely1234', 'shadow1234', 'master1234',
]);
