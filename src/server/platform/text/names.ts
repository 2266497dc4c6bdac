/*
 * A constituent's words de-identified for readers who need what was said, not who said it (a
 * suggestion drafted from opinions, the units answering it): contacts removed (`redact`), a person
 * addressed by surname made anonymous (王阿姨 → 某阿姨), and bare personal names masked the way
 * Chinese public documents write them (张建国 → 张某某).
 *
 * Names are found with jieba's tagger: a word tagged as a person's name, or a word the dictionary
 * lacks, that begins with a common surname and is two to four characters long, unless it ends like a
 * place (杨家村) or a place name follows it (黎明街道). It is a best effort that leans towards
 * masking: a rare surname or a name the tagger cuts apart may stay, a word like 李子 may be masked.
 */
import { redact } from './personal-data.js';
import { taggedWords } from './segment.js';

// The commonest surnames (about nine people in ten), without those that are also everyday
// function words (和 时 于 向 应 与).
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
);
const COMPOUND = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '独孤',
  '南宫',
];

/** Tags of a whole name: a name in the dictionary, or a word it lacks (the tagger's guess at a new word). */
const NAME_TAGS = new Set(['nr', 'nrt', 'nrfg', 'x']);
/** Tags of a given name the tagger cut off its surname (欧阳/娜娜, 杨/永福). */
const GIVEN_TAGS = new Set(['nr', 'nrt', 'nrfg', 'nz', 'x']);
const PLACE_END = /[村区路街镇园场桥湖楼苑院站厂市县省乡巷道港湾岛城坊店井庄屯寨堡]$/u;
const PLACE_NEXT =
  /^(街道|社区|小区|新村|村|镇|乡|区|县|市|路|街|大街|大道|巷|广场|公园|花园|家园|中学|小学|学校|医院|商场|市场|超市|公司|酒店|宾馆|饭店|大桥|桥|园|苑|庄)$/u;
const HAN = /^\p{Script=Han}+$/u;
/** A verb or particle the tagger glued to a new name (张三说): kept, the name before it masked. */
const GLUED = /[说讲称等家]$/u;
const TITLES = /\p{Script=Han}(先生|女士|小姐|阿姨|大爷|大妈|大娘|大姐|大哥|师傅|老师)/gu;

function surnameOf(word: string): string | null {
  const compound = COMPOUND.find((c) => word.startsWith(c));
  if (compound) return compound;
  const first = [...word][0];
  return first && SURNAMES.has(first) ? first : null;
}

/** Bare personal names in a text masked: 张建国反映 → 张某某反映, 欧阳娜娜 → 欧阳某某. */
export function maskPersonNames(text: string): string {
  const words = taggedWords(text);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const { word, tag } = words[i]!;
    const next = words[i + 1];
    if (!HAN.test(word)) {
      out.push(word);
      continue;
    }
    const placeFollows = !!next && PLACE_NEXT.test(next.word);
    // A surname the tagger cut off its given name.
    const loneSurname = COMPOUND.includes(word) || (word.length === 1 && SURNAMES.has(word) && tag === 'nr');
    if (loneSurname && next && HAN.test(next.word) && next.word.length <= 2 && GIVEN_TAGS.has(next.tag)) {
      const after = words[i + 2];
      if (!PLACE_NEXT.test(next.word) && !(after && PLACE_NEXT.test(after.word))) {
        out.push(word + '某'.repeat(next.word.length));
        i++;
        continue;
      }
    }
    const surname = surnameOf(word);
    const given = [...word].length - (surname?.length ?? 0);
    if (surname && NAME_TAGS.has(tag) && given >= 1 && given <= 2 && !PLACE_END.test(word) && !placeFollows) {
      const glued = tag === 'x' && given === 2 && GLUED.test(word);
      out.push(glued ? `${surname}某${[...word].at(-1)}` : surname + '某'.repeat(given));
      continue;
    }
    out.push(word);
  }
  return out.join('');
}

/** A constituent's text without contacts, without a person addressed by surname and without bare names. */
export function deidentify(text: string): string {
  return maskPersonNames(redact(text).replace(TITLES, '某$1'));
}
