/** The answer classes of a suggestion's written answer (A–D), Chinese and English. */
export const classLabels: Record<string, [string, string]> = {
  A: ['A 类：已解决或采纳', 'A: solved or adopted'],
  B: ['B 类：正在解决或列入计划', 'B: being solved or planned'],
  C: ['C 类：因条件限制以后解决', 'C: later, when conditions allow'],
  D: ['D 类：留作参考', 'D: kept for reference'],
};
