// The lesson list: a ✓ beside every lesson this device has seen finished.

import { LESSONS, loadProgress } from './lesson.js';

const progress = loadProgress();
let done = 0;
for (const li of document.querySelectorAll('ol.lessons li')) {
  const finished = Boolean(progress[li.dataset.lesson]);
  li.classList.toggle('done', finished);
  li.querySelector('.status').textContent = finished ? '· ✓ done' : '';
  if (finished) done += 1;
}
const minutes = LESSONS.reduce((a, l) => a + l.minutes, 0);
document.getElementById('summary').textContent = done
  ? `${done} of ${LESSONS.length} lessons done on this device.`
  : `${LESSONS.length} lessons, about ${minutes} minutes in all.`;
