/** The reason a compensation records when the saga's command gave none (the original's text). */
export const razonPorDefecto = 'Compensación por falla en saga';
